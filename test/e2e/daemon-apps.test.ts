/**
 * Apps are children of the local Ignite, never of an MCP server: they start with no token or
 * credential of any MCP server in their environment or their parent's, and none of them (nor a
 * child that left their process group) outlives the local Ignite: not after SIGKILL of the MCP
 * server and then of the local Ignite (the next one to start stops the leftovers), not after a
 * clean stop. Checked through /proc.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStat } from '../../src/shared/processes.js';
import { CANARY } from '../helpers/canary.js';
import {
  appProcesses,
  cleanUp,
  lockHolderOf,
  localIgnites,
  requireBuild,
  runBin,
  startServer,
  tempDir,
  waitFor,
  type ServerProcess,
} from '../helpers/daemon.js';

/** A secret of another kind in the MCP server's environment: nothing knows to scrub it, so it must never get there. */
const OTHER_SECRET = 'nosy-canary-aws-secret-3f9d1c77b2e04a6e';

let work: string;
let dataDir: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-apps-');
  dataDir = path.join(work, 'data');
  cpSync(path.resolve('test/fixtures/nosy-app'), path.join(work, 'nosy'), { recursive: true });
});
afterAll(() => cleanUp(dataDir, work));

const serverEnv = { DODIL_TOKEN: CANARY, IGNITE_TOKEN: CANARY, AWS_SECRET_ACCESS_KEY: OTHER_SECRET, NOSY_TEST_SECRET: OTHER_SECRET };

interface Seen {
  pid: number;
  ppid: number;
  env: Record<string, string>;
  parent_environ: string;
  children: number[];
}

async function invokeNosy(server: ServerProcess): Promise<Seen> {
  const invoked = await server.call('invoke', { app_name: 'nosy', max_body_chars: 200_000 });
  expect(invoked.status_code).toBe(200);
  return JSON.parse(Buffer.from(invoked.body, 'base64').toString('utf8')) as Seen;
}

describe('app processes', () => {
  it("see no token or credential of the MCP server, in their environment or their parent's", { timeout: 60_000 }, async () => {
    const server = await startServer({ dataDir, cwd: work, args: ['--allowed-root', work], env: serverEnv });
    try {
      await server.call('configure_app', { app_name: 'nosy', ports: [8080] });
      const { build_id } = await server.call('create_build', { name: 'nosy', path: 'nosy' });
      expect((await server.call('get_build', { build_id, wait_seconds: 40 })).build.status).toBe('SUCCEEDED');
      await server.call('save_image_draft', { app_name: 'nosy', build_id });
      await server.call('publish_draft', { app_name: 'nosy' });
      const seen = await invokeNosy(server);
      const daemon = lockHolderOf(dataDir)!.pid;
      const token = readFileSync(path.join(dataDir, 'local-ignite.token'), 'utf8').trim();
      expect(seen.ppid).toBe(daemon);
      // The local Ignite is no child of the MCP server either (started detached, through sh).
      expect(processStat(daemon)!.ppid).not.toBe(server.pid);
      const everything = JSON.stringify(seen);
      for (const secret of [CANARY, OTHER_SECRET, token]) expect(everything).not.toContain(secret);
      expect(Object.keys(seen.env).sort()).toEqual(expect.arrayContaining(['HOME', 'IGNITE_LOCAL_APP', 'PATH', 'PORT']));
      expect(seen.env).not.toHaveProperty('DODIL_TOKEN');
      expect(seen.parent_environ).not.toMatch(/DODIL_TOKEN|IGNITE_TOKEN|AWS_SECRET/);
      expect(seen.parent_environ).toMatch(/PATH=/);
    } finally {
      await server.close();
    }
  });

  it('leave nothing behind after SIGKILL of the MCP server, then of the local Ignite, then a restart', { timeout: 60_000 }, async () => {
    const first = await startServer({ dataDir, cwd: work });
    const seen = await invokeNosy(first);
    const firstDaemon = lockHolderOf(dataDir)!.pid;
    expect(appProcesses(dataDir)).toEqual(expect.arrayContaining([seen.pid, ...seen.children]));
    // The child in its own session really left the app's process group.
    expect(processStat(seen.children[1]!)!.session).toBe(seen.children[1]);

    process.kill(first.pid, 'SIGKILL');
    await first.close().catch(() => undefined);
    process.kill(firstDaemon, 'SIGKILL');
    await waitFor(() => processStat(firstDaemon) === undefined || processStat(firstDaemon)!.state === 'Z', 'the local Ignite to die');
    // With setpriv the app dies with its parent; its children cannot, and wait for the next start-up.
    if (existsSync('/usr/bin/setpriv'))
      await waitFor(() => !appProcesses(dataDir).includes(seen.pid), 'the app to die with the local Ignite');
    expect(appProcesses(dataDir)).toEqual(expect.arrayContaining(seen.children));

    const second = await startServer({ dataDir, cwd: work });
    try {
      await second.call('list_builds', {});
      const secondDaemon = lockHolderOf(dataDir)!.pid;
      expect(secondDaemon).not.toBe(firstDaemon);
      // The new local Ignite stopped what the killed one left: the app, its child, and the one in its own session.
      await waitFor(() => appProcesses(dataDir).length === 0, 'leftover app processes to be stopped');
      expect(localIgnites(dataDir)).toEqual([secondDaemon]);
      expect(readFileSync(path.join(dataDir, 'local-ignite.log'), 'utf8')).toMatch(
        /stopped \d+ app process\(es\) left running by an earlier run/,
      );

      // A clean stop: the app runs again (with its children), then `ignite-mcp local stop`.
      const again = await invokeNosy(second);
      expect(appProcesses(dataDir)).toEqual(expect.arrayContaining([again.pid, ...again.children]));
      const stopped = runBin(['local', 'stop', '--data-dir', dataDir]);
      expect(stopped.status, stopped.stderr).toBe(0);
      expect(stopped.stdout).toMatch(new RegExp(`stopped the local Ignite \\(pid ${secondDaemon}`));
      expect(appProcesses(dataDir)).toEqual([]);
      expect(localIgnites(dataDir)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
