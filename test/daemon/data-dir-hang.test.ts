import path from 'node:path';
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';

// A filesystem where mkdir never returns (a hung network mount): the check must give up in time.
vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  mkdir: () => new Promise(() => {}),
}));

describe('a data directory whose mkdir never returns', () => {
  it('is refused within the time limit, with a message that says so', async () => {
    const { prepareDataDir } = await import('../../src/daemon/data-dir.js');
    const dir = path.join(os.tmpdir(), `ignite-hang-${process.pid}`, 'data');
    const err = (await prepareDataDir(dir, { setting: '--data-dir', timeoutMs: 300 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      `--data-dir ${dir} did not answer within 300 ms: creating or reading it never returned (a hung network filesystem?)`,
    );
  });
});
