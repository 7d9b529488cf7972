import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, lockHolder } from '../../src/daemon/lock.js';
import { selfIdentity } from '../../src/shared/processes.js';
import { requireBuild, tempDir } from '../helpers/daemon.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const lockFile = () => {
  const dir = tempDir('ignite-lock-');
  dirs.push(dir);
  return path.join(dir, 'local-ignite.lock');
};

/** A pid that has just exited, with the start time it had. */
function deadIdentity() {
  const child = spawnSync(process.execPath, ['-e', "process.stdout.write(require('fs').readFileSync('/proc/self/stat','utf8'))"], {
    encoding: 'utf8',
  });
  const fields = child.stdout.slice(child.stdout.lastIndexOf(')') + 2).split(' ');
  return { pid: Number(child.stdout.split(' ')[0]), start_time: fields[19]! };
}

describe('the data directory lock', () => {
  it('is held by one process at a time, names its holder, and is free again once released', async () => {
    const file = lockFile();
    const first = await acquireLock(file);
    expect(first.acquired).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await acquireLock(file);
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid } });
    expect(lockHolder(file)?.pid).toBe(process.pid);
    if (!first.acquired) throw new Error('unreachable');
    expect(first.lock.stillHeld()).toBe(true);
    first.lock.release();
    expect(lockHolder(file)).toBeUndefined();
    const third = await acquireLock(file);
    expect(third.acquired).toBe(true);
    if (third.acquired) third.lock.release();
  });

  it('takes over a lock whose holder is dead, and one whose pid was reused by another process', async () => {
    const file = lockFile();
    writeFileSync(file, JSON.stringify({ ...deadIdentity(), acquired_at: 'x', nonce: 'dead' }));
    const taken = await acquireLock(file);
    expect(taken.acquired).toBe(true);
    if (taken.acquired) taken.lock.release();
    // Our own pid with another start time: the process that took the lock is gone, the pid lives on.
    writeFileSync(file, JSON.stringify({ pid: process.pid, start_time: '1', acquired_at: 'x', nonce: 'reused' }));
    const again = await acquireLock(file);
    expect(again.acquired).toBe(true);
    if (again.acquired) expect(again.lock.stillHeld()).toBe(true);
  });

  it('treats unreadable content as stale once it is old, and removes an expired takeover guard', async () => {
    const file = lockFile();
    writeFileSync(file, 'not json');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    mkdirSync(`${file}.takeover`);
    utimesSync(`${file}.takeover`, old, old);
    const taken = await acquireLock(file);
    expect(taken.acquired).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
  });

  it('knows when it lost the lock (the file was removed or replaced)', async () => {
    const file = lockFile();
    const taken = await acquireLock(file);
    if (!taken.acquired) throw new Error('not acquired');
    rmSync(file);
    expect(taken.lock.stillHeld()).toBe(false);
    writeFileSync(file, JSON.stringify({ ...selfIdentity(), acquired_at: 'x', nonce: 'other' }));
    expect(taken.lock.stillHeld()).toBe(false);
    taken.lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).nonce).toBe('other');
  });

  it('goes to exactly one of many processes racing for a stale lock', async () => {
    requireBuild();
    const file = lockFile();
    writeFileSync(file, JSON.stringify({ ...deadIdentity(), acquired_at: 'x', nonce: 'dead' }));
    const script = `
      const { acquireLock } = await import(${JSON.stringify(path.resolve('dist/src/daemon/lock.js'))});
      const result = await acquireLock(process.argv[1]);
      process.stdout.write(result.acquired ? 'won' : 'lost:' + result.holder.pid);
      setTimeout(() => {}, 1500);`;
    const racers = Array.from({ length: 8 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const outcomes = await Promise.all(
      racers.map(
        (child) =>
          new Promise<string>((resolve) => {
            let out = '';
            child.stdout.on('data', (chunk) => {
              out += String(chunk);
              if (out) resolve(out);
            });
          }),
      ),
    );
    const winners = racers.filter((_, i) => outcomes[i] === 'won');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === `lost:${winners[0]!.pid}`)).toHaveLength(7);
    for (const child of racers) child.kill('SIGKILL');
  });
});
