import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalIgnite } from '../../../src/local/server.js';
import { processStat } from '../../../src/shared/processes.js';
import { waitGone } from '../../helpers/app-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process that looks like an app an earlier run left: it carries the data directory's marker. */
function leftover(dataDir: string, detached: boolean) {
  const owner = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {
    env: { PATH: process.env.PATH ?? '', IGNITE_LOCAL_APP: `${owner}:run-1:local/app@v1` },
    stdio: 'ignore',
    detached,
  });
  child.unref();
  return child.pid!;
}

describe('leftover app processes', () => {
  it('are stopped when a local Ignite starts on their data directory, in their group or not, and only theirs', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-ledger-'));
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-ledger-other-'));
    dirs.push(dataDir, otherDir);
    const ours = [leftover(dataDir, true), leftover(dataDir, false)];
    const theirs = leftover(otherDir, true);
    const ignite = await startLocalIgnite({ dataDir });
    try {
      for (const pid of ours) expect(await waitGone(pid)).toBe(true);
      expect(processStat(theirs)?.state).not.toBe('Z');
    } finally {
      await ignite.close();
      process.kill(theirs, 'SIGKILL');
    }
  });
});
