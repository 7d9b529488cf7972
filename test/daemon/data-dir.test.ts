import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../src/daemon/data-dir.js';
import { UserError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/daemon.js';

const root = tempDir('ignite-datadir-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function refusal(dir: string): Promise<UserError> {
  const err = await prepareDataDir(dir, { setting: '--data-dir', timeoutMs: 5000 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('preparing the data directory', () => {
  it('creates it and its missing parents 0700', async () => {
    const dir = path.join(root, 'a', 'b', 'data');
    expect(await prepareDataDir(dir)).toEqual({ created: true });
    for (const folder of [path.join(root, 'a'), path.join(root, 'a', 'b'), dir]) expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('tightens an existing folder that others could enter, and says so', async () => {
    const dir = path.join(root, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(await prepareDataDir(dir)).toEqual({ created: false, tightenedFrom: 0o755 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a file, a path through a file, and a dangling symbolic link, naming the culprit', async () => {
    const file = path.join(root, 'file');
    writeFileSync(file, 'x');
    expect((await refusal(file)).message).toBe(`--data-dir ${file} is a file, not a folder`);
    expect((await refusal(path.join(file, 'data'))).message).toBe(
      `${file} (in --data-dir ${path.join(file, 'data')}) is a file, not a folder`,
    );
    const link = path.join(root, 'dangling');
    symlinkSync(path.join(root, 'nowhere'), link);
    const dangling = await refusal(path.join(link, 'data'));
    expect(dangling.message).toContain(
      `${link} (in --data-dir ${path.join(link, 'data')}) is a symbolic link to ${path.join(root, 'nowhere')}, which does not exist`,
    );
    expect(dangling.hint).toContain(`Create ${path.join(root, 'nowhere')}`);
  });

  it('refuses /proc and /sys at once instead of spinning in mkdir', async () => {
    expect((await refusal('/proc/ignite-mcp-test/data')).message).toMatch(/kernel's proc filesystem, which cannot hold files/);
    expect((await refusal('/sys/ignite-mcp-test')).message).toMatch(/sysfs/);
  });
});
