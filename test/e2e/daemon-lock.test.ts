/**
 * Exactly one local Ignite per data directory, whoever starts it: a second `ignite-mcp local` is
 * refused with the running one named, a stale lock is taken over, racing starters end with one,
 * a local Ignite of another version is replaced when idle and refused otherwise, and a background
 * one exits by itself once no client uses it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning } from '../../src/shared/processes.js';
import { PACKAGE_VERSION } from '../../src/shared/version.js';
import { textOf } from '../helpers/mcp-harness.js';
import {
  cleanUp,
  lockHolderOf,
  localIgnites,
  recordOf,
  requireBuild,
  runBin,
  startForegroundLocal,
  startServer,
  tempDir,
  waitFor,
} from '../helpers/daemon.js';

let work: string;
const dataDirs: string[] = [];
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-lock-');
  OLD_BIN = installOtherVersion();
});
afterAll(async () => {
  for (const dir of dataDirs) await cleanUp(dir);
  await cleanUp(work);
});
const newDataDir = (name: string) => {
  const dir = path.join(work, name);
  dataDirs.push(dir);
  return dir;
};

/** A pid that has just exited, with the start time it had. */
function deadIdentity() {
  const child = spawnSync(process.execPath, ['-e', "process.stdout.write(require('fs').readFileSync('/proc/self/stat','utf8'))"], {
    encoding: 'utf8',
  });
  return { pid: Number(child.stdout.split(' ')[0]), start_time: child.stdout.slice(child.stdout.lastIndexOf(')') + 2).split(' ')[19]! };
}

/**
 * Another ignite-mcp version: this build installed beside it with another version in its
 * package.json (the version is read from there), sharing node_modules.
 */
function installOtherVersion(): string {
  const root = path.join(work, 'old-install');
  cpSync(path.resolve('dist/src'), path.join(root, 'dist', 'src'), { recursive: true });
  cpSync(path.resolve('proto'), path.join(root, 'proto'), { recursive: true });
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ ...manifest, version: '0.0.1-old' }));
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  return path.join(root, 'dist', 'src', 'main.js');
}
let OLD_BIN: string;

describe('one local Ignite per data directory', () => {
  it('refuses a second `ignite-mcp local`, naming the running one, how to reach it and how to stop it', { timeout: 30_000 }, async () => {
    const dataDir = newDataDir('second');
    const first = await startForegroundLocal(['--data-dir', dataDir]);
    const second = runBin(['local', '--data-dir', dataDir]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(
      `another local Ignite already serves ${dataDir}: pid ${first.child.pid} (ignite-mcp ${PACKAGE_VERSION}, started with \`ignite-mcp local\``,
    );
    expect(second.stderr).toContain(`ignite-mcp local stop --data-dir ${dataDir}`);
    expect(second.stderr).toContain(`ignite-mcp local status --data-dir ${dataDir}`);
    const status = runBin(['local', 'status', '--data-dir', dataDir]);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`pid ${first.child.pid}`);
    expect(status.stdout).toContain('foreground: runs until stopped');
    first.child.kill('SIGINT');
    expect(await new Promise((resolve) => first.child.once('exit', (code) => resolve(code)))).toBe(130);
    const after = runBin(['local', 'status', '--data-dir', dataDir]);
    expect([after.status, after.stdout]).toEqual([3, `no local Ignite is running for ${dataDir}\n`]);
  });

  it('takes over the lock of a local Ignite that died', { timeout: 30_000 }, async () => {
    const dataDir = newDataDir('stale');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(path.join(dataDir, 'local-ignite.lock'), JSON.stringify({ ...deadIdentity(), acquired_at: 'then', nonce: 'dead' }));
    const local = await startForegroundLocal(['--data-dir', dataDir]);
    expect(lockHolderOf(dataDir)?.pid).toBe(local.child.pid);
    local.child.kill('SIGTERM');
    await new Promise((resolve) => local.child.once('exit', resolve));
  });

  it('ends with one local Ignite when four MCP servers start it at the same moment', { timeout: 60_000 }, async () => {
    const dataDir = newDataDir('race');
    const servers = await Promise.all(Array.from({ length: 4 }, () => startServer({ dataDir })));
    try {
      await Promise.all(servers.map((server) => server.call('list_builds', {})));
      // A loser of the race may still be on its way out (it exits once it finds the lock taken).
      await waitFor(() => localIgnites(dataDir).length === 1, 'the losers of the race to exit');
      expect(localIgnites(dataDir)).toEqual([lockHolderOf(dataDir)!.pid]);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('exits by itself once idle, but not while an MCP server uses it', { timeout: 30_000 }, async () => {
    const dataDir = newDataDir('idle');
    const server = await startServer({ dataDir, env: { IGNITE_MCP_LOCAL_IDLE_SECS: '1' } });
    await server.call('list_builds', {});
    const daemon = lockHolderOf(dataDir)!;
    // Twice the idle timeout with a client connected (its lease) and no calls: it stays.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(isRunning(daemon)).toBe(true);
    await server.close();
    await waitFor(() => !isRunning(daemon), 'the idle local Ignite to exit');
    expect(recordOf(dataDir)).toBeUndefined();
    expect(lockHolderOf(dataDir)).toBeUndefined();
  });

  it('replaces an idle background local Ignite of another version', { timeout: 30_000 }, async () => {
    const dataDir = newDataDir('old-idle');
    const old = spawn(process.execPath, [OLD_BIN, 'local', '--daemon', '--data-dir', dataDir, '--idle-timeout', '10m'], {
      stdio: 'ignore',
    });
    await waitFor(() => recordOf(dataDir)?.version === '0.0.1-old', 'the old local Ignite to serve');
    const server = await startServer({ dataDir });
    try {
      await server.call('list_builds', {});
      expect(await new Promise((resolve) => (old.exitCode !== null ? resolve(old.exitCode) : old.once('exit', resolve)))).toBe(0);
      expect(recordOf(dataDir)).toMatchObject({ version: PACKAGE_VERSION, mode: 'daemon' });
      expect(lockHolderOf(dataDir)!.pid).not.toBe(old.pid);
    } finally {
      await server.close();
    }
  });

  it('refuses to mix with a busy one of another version, or one a person started, saying what to do', { timeout: 30_000 }, async () => {
    const busyDir = newDataDir('old-busy');
    const busy = spawn(process.execPath, [OLD_BIN, 'local', '--daemon', '--data-dir', busyDir, '--idle-timeout', '10m'], {
      stdio: 'ignore',
    });
    await waitFor(() => recordOf(busyDir)?.version === '0.0.1-old', 'the old local Ignite to serve');
    // A client of that version: a lease of a live process (this one).
    mkdirSync(path.join(busyDir, 'clients'), { recursive: true });
    writeFileSync(
      path.join(busyDir, 'clients', 'test.json'),
      JSON.stringify({ ...lockHolderOf(busyDir)!, pid: process.pid, start_time: '' }),
    );
    const byHandDir = newDataDir('old-by-hand');
    const byHand = await startForegroundLocal(['--data-dir', byHandDir], {}, OLD_BIN);
    for (const [dir, expected] of [
      [
        busyDir,
        /is ignite-mcp 0\.0\.1-old .* it is busy .* so this server does not mix with it\nWhat to do: .*ignite-mcp local stop --data-dir/s,
      ],
      [byHandDir, /is ignite-mcp 0\.0\.1-old .*started by hand .*left alone\nWhat to do: Stop it/s],
    ] as const) {
      const server = await startServer({ dataDir: dir });
      try {
        const result = await server.raw('list_builds', {});
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(expected);
      } finally {
        await server.close();
      }
    }
    expect(busy.exitCode).toBeNull();
    busy.kill('SIGTERM');
    byHand.child.kill('SIGTERM');
    await Promise.all([busy, byHand.child].map((child) => new Promise((resolve) => child.once('exit', resolve))));
  });
});
