import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeUserPath, PathNotAllowedError, resolveAllowedPath } from '../../src/packing/index.js';
import { tempDir } from './helpers.js';

describe('normalizeUserPath', () => {
  const posix = { platform: 'linux' as const, base: '/work/app', home: '/home/dev' };
  const windows = { platform: 'win32' as const, base: 'C:\\work', home: 'C:\\Users\\dev' };

  it.each([
    ['src', '/work/app/src'],
    ['./src/../lib', '/work/app/lib'],
    ['~', '/home/dev'],
    ['~/proj', '/home/dev/proj'],
    ['C:\\Users\\me\\app', '/mnt/c/Users/me/app'],
    ['C:/Users/me/app', '/mnt/c/Users/me/app'],
    ['d:\\', '/mnt/d'],
    ['sub\\dir', '/work/app/sub/dir'],
    ['\\\\wsl$\\Ubuntu\\home\\dev\\app', '/home/dev/app'],
    ['\\\\wsl.localhost\\Ubuntu\\srv', '/srv'],
    ['"/tmp/with space"', '/tmp/with space'],
    ['file:///srv/app', '/srv/app'],
    ['/mnt/c/x', '/mnt/c/x'],
  ])('on POSIX turns %s into %s', (input, expected) => {
    expect(normalizeUserPath(input, posix)).toBe(expected);
  });

  it.each([
    ['/mnt/c/Users/me', 'C:\\Users\\me'],
    ['/c/Users/me', 'C:\\Users\\me'],
    ['C:/x/y', 'C:\\x\\y'],
    ['proj\\sub', 'C:\\work\\proj\\sub'],
    ['~/app', 'C:\\Users\\dev\\app'],
  ])('on Windows turns %s into %s', (input, expected) => {
    expect(normalizeUserPath(input, windows)).toBe(expected);
  });

  it('rejects an empty path', () => {
    expect(() => normalizeUserPath('  ', posix)).toThrow(/Empty path/);
  });
});

describe('resolveAllowedPath', () => {
  it('returns the real path of a folder inside a root, from a relative path', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'app', 'src'), { recursive: true });
    const resolved = await resolveAllowedPath('app/src', [root], { base: root });
    expect(resolved).toBe(path.join(root, 'app', 'src'));
  });

  it('refuses a path outside the allowed folders and names them', async () => {
    const root = await tempDir();
    const other = await tempDir();
    const error = await resolveAllowedPath(other, [root]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PathNotAllowedError);
    expect((error as Error).message).toContain('outside the allowed folders');
    expect((error as Error).message).toContain(root);
    await expect(resolveAllowedPath('../..', [root], { base: root })).rejects.toThrow(/Allowed folders: /);
  });

  it('refuses a symlink inside a root that leads outside it', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await symlink(outside, path.join(root, 'escape'));
    // Where it leads is not said (issue 10: that told whether a file exists outside the roots).
    const refused = resolveAllowedPath(path.join(root, 'escape'), [root]);
    await expect(refused).rejects.toThrow(/outside the allowed folders/);
    await expect(refused).rejects.not.toThrow(outside);
  });

  it('says "outside" rather than "missing" for paths outside, so it cannot probe the disk', async () => {
    const root = await tempDir();
    await expect(resolveAllowedPath('/definitely/not/here', [root])).rejects.toThrow(/outside the allowed folders/);
    await expect(resolveAllowedPath('missing', [root], { base: root })).rejects.toThrow(/does not exist/);
  });

  it('refuses everything when no folder is allowed', async () => {
    const root = await tempDir();
    await expect(resolveAllowedPath(root, [])).rejects.toThrow(/\(none configured\)/);
  });

  it('accepts a Windows drive path mapped onto the drive mount, against a root written the same way', async () => {
    const mount = await tempDir('drives-');
    await mkdir(path.join(mount, 'c', 'Users', 'me', 'app'), { recursive: true });
    const options = { platform: 'linux' as const, driveMountRoot: mount };
    const resolved = await resolveAllowedPath('C:\\Users\\me\\app', ['C:/Users/me'], options);
    expect(resolved).toBe(path.join(mount, 'c', 'Users', 'me', 'app'));
  });
});
