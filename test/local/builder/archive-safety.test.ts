import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unpackArchive } from '../../../src/local/builder/unpack.js';
import type { UnpackLimits } from '../../../src/local/builder/unpack-guard.js';
import { startTestIgnite, waitForBuild } from '../../helpers/local-ignite.js';
import { tarGz, zip, type TarEntry } from './archives.js';

const DEFAULTS: UnpackLimits = { maxBytes: 8 * 1024 ** 3, maxRatio: 200, maxEntries: 200_000 };
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'unpack-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Unpacks into <scratch>/out/root, so anything escaping by one or two levels would land in scratch. */
async function unpack(archive: Buffer, limits: Partial<UnpackLimits> = {}) {
  const file = path.join(scratch, 'archive');
  writeFileSync(file, archive);
  const root = path.join(scratch, 'out', 'root');
  const result = await unpackArchive(file, root, { ...DEFAULTS, ...limits }, new AbortController().signal);
  return { root, result };
}

/** What `du --apparent-size -b` would count: every file's and symlink's own size. */
function walkedSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const child = path.join(dir, entry.name);
    return total + (entry.isDirectory() ? walkedSize(child) : lstatSync(child).size);
  }, 0);
}

/** True when nothing but the archive and the extraction root exists around the root. */
function nothingEscaped(): boolean {
  return readdirSync(scratch).join() === 'archive,out' && readdirSync(path.join(scratch, 'out')).every((name) => name === 'root');
}

describe('archive safety when unpacking a build context', () => {
  const refused: [string, () => Promise<Buffer>, RegExp][] = [
    ['a ../ entry', () => tarGz([{ name: '../evil', content: 'x' }]), /entry "\.\.\/evil" escapes the context root/],
    ['a nested ../ entry', () => tarGz([{ name: 'a/../../evil', content: 'x' }]), /escapes the context root/],
    ['an absolute entry', () => tarGz([{ name: '/tmp/evil', content: 'x' }]), /has an absolute path/],
    [
      'a symlink pointing up and out',
      () => tarGz([{ name: 'up', type: 'symlink', linkname: '../../evil' }]),
      /symlink "up" -> "\.\.\/\.\.\/evil" points outside/,
    ],
    ['an absolute symlink', () => tarGz([{ name: 'passwd', type: 'symlink', linkname: '/etc/passwd' }]), /points outside the context root/],
    [
      'a symlink that escapes only through another link',
      () =>
        tarGz([
          { name: 'here', type: 'symlink', linkname: '.' },
          { name: 'out', type: 'symlink', linkname: 'here/..' },
        ]),
      /symlink "out" -> "here\/\.\." points outside/,
    ],
    [
      'a write through a symlink',
      () =>
        tarGz([
          { name: 'sub/', type: 'directory' },
          { name: 'dir', type: 'symlink', linkname: 'sub' },
          { name: 'dir/file', content: 'x' },
        ]),
      /entry "dir\/file" would be written through the symlink "dir"/,
    ],
    [
      'a hard link to a file outside',
      () => tarGz([{ name: 'hl', type: 'link', linkname: '../../etc/passwd' }]),
      /escapes the context root/,
    ],
    [
      'a hard link to nothing',
      () => tarGz([{ name: 'hl', type: 'link', linkname: 'missing' }]),
      /hard link "hl" -> "missing" does not point to a file inside/,
    ],
    ['a zip entry with ../', async () => zip({ '../evil': 'x' }), /escapes the context root/],
    ['a zip entry with Windows separators', async () => zip({ '..\\evil': 'x' }), /escapes the context root/],
    [
      'a zip symlink pointing out',
      async () => zip({ link: '../../outside' }, { link: 0o120777 }),
      /symlink "link" -> "\.\.\/\.\.\/outside" points outside/,
    ],
  ];
  it.each(refused)('refuses %s and writes nothing outside the root', async (_, make, message) => {
    await expect(unpack(await make())).rejects.toThrow(message);
    expect(nothingEscaped()).toBe(true);
  });

  it('keeps symlinks and hard links that stay inside, and file modes', async () => {
    const entries: TarEntry[] = [
      { name: './bin/run.sh', content: '#!/bin/sh', mode: 0o755 },
      { name: 'docs/guide.md', content: 'guide' },
      { name: 'docs/latest', type: 'symlink', linkname: 'guide.md' },
      { name: 'run', type: 'symlink', linkname: 'bin/run.sh' },
      { name: 'copy.md', type: 'link', linkname: 'docs/guide.md' },
    ];
    const { root } = await unpack(await tarGz(entries));
    expect(readlinkSync(path.join(root, 'docs/latest'))).toBe('guide.md');
    expect(readFileSync(path.join(root, 'run'), 'utf8')).toBe('#!/bin/sh');
    expect(readFileSync(path.join(root, 'copy.md'), 'utf8')).toBe('guide');
    const zipped = await unpack(zip({ 'tool.sh': 'echo', link: 'tool.sh' }, { 'tool.sh': 0o100755, link: 0o120777 }));
    expect(readlinkSync(path.join(zipped.root, 'link'))).toBe('tool.sh');
  });

  it('writes in one pass what a sequential unpack would: later entries win, big files stream, sizes and modes hold', async () => {
    const big = Buffer.alloc(700 * 1024, 7);
    const entries: TarEntry[] = [
      ...Array.from({ length: 40 }, (_, i) => ({ name: `src/m${i}.js`, content: `first ${i}` })),
      { name: 'src/', type: 'directory', mode: 0o750 },
      { name: 'src/m3.js', content: 'second, longer' },
      { name: 'big.bin', content: big, mode: 0o600 },
      { name: 'tools/run.sh', content: '#!/bin/sh', mode: 0o755 },
      { name: 'copy.js', type: 'link', linkname: 'src/m3.js' },
      { name: 'src/m4.js', type: 'symlink', linkname: 'm5.js' },
      { name: 'src/m6.js', type: 'symlink', linkname: 'm7.js' },
      { name: 'src/m6.js', content: 'a file again' },
      { name: 'src/m3.js', content: 'third' },
    ];
    const { root, result } = await unpack(await tarGz(entries));
    expect(readFileSync(path.join(root, 'src/m3.js'), 'utf8')).toBe('third');
    expect(readFileSync(path.join(root, 'copy.js'), 'utf8')).toBe('second, longer');
    expect(readlinkSync(path.join(root, 'src/m4.js'))).toBe('m5.js');
    expect(readFileSync(path.join(root, 'src/m6.js'), 'utf8')).toBe('a file again');
    expect(readFileSync(path.join(root, 'big.bin')).equals(big)).toBe(true);
    expect(statSync(path.join(root, 'big.bin')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(root, 'tools/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(root, 'src')).mode & 0o777).toBe(0o750);
    expect(statSync(path.join(root, 'tools')).mode & 0o777).toBe(0o755);
    expect(result.treeBytes).toBe(walkedSize(root));
    rmSync(path.join(scratch, 'out'), { recursive: true });
    const zipped = await unpack(zip({ 'a/b.txt': 'bee', 'a/c.txt': 'sea', 'big.bin': big }));
    expect(zipped.result.treeBytes).toBe(walkedSize(zipped.root));
  });

  it('fails on a file and a directory of the same name, whichever comes first', async () => {
    await expect(
      unpack(
        await tarGz([
          { name: 'x', content: 'file' },
          { name: 'x/y', content: 'under a file' },
        ]),
      ),
    ).rejects.toThrow(/not a valid archive/);
    rmSync(path.join(scratch, 'out'), { recursive: true });
    await expect(
      unpack(
        await tarGz([
          { name: 'x/', type: 'directory' },
          { name: 'x', content: 'file' },
        ]),
      ),
    ).rejects.toThrow(/x is both a directory and a file/);
    expect(nothingEscaped()).toBe(true);
  });

  it('stops a highly compressible archive at the expansion ratio, tar.gz and zip alike', async () => {
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    await expect(unpack(await tarGz({ 'zeros.bin': zeros }))).rejects.toThrow(/expands more than 200x its size of \d+ bytes/);
    const zipped = Buffer.from(zipSync({ 'zeros.bin': new Uint8Array(zeros) }, { level: 9 }));
    await expect(unpack(zipped)).rejects.toThrow(/likely decompression bomb/);
    const text = Buffer.from('all work and no play makes a dull build context\n'.repeat(50_000));
    await expect(unpack(await tarGz({ 'text.txt': text }), { maxRatio: 10 })).rejects.toThrow(/expands more than 10x/);
    await expect(unpack(await tarGz({ 'text.txt': text }), { maxRatio: 1000 })).resolves.toBeDefined();
  });

  it('stops at the total size and entry count limits', async () => {
    await expect(unpack(await tarGz({ big: Buffer.alloc(5000, 1) }), { maxBytes: 4096 })).rejects.toThrow(
      /unpacks to more than 4096 bytes/,
    );
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}`, 'x']));
    await expect(unpack(await tarGz(many), { maxEntries: 5 })).rejects.toThrow(/more than 5 entries/);
    await expect(unpack(zip(many), { maxEntries: 5 })).rejects.toThrow(/more than 5 entries/);
  });

  it('fails the build with the reason when a context tries to escape', async () => {
    const t = await startTestIgnite({ limits: { unpackRatio: 10 } });
    try {
      const evil = await t.builds.create({
        name: 'evil',
        zipped_code: await tarGz([
          { name: 'Dockerfile', content: 'FROM scratch\n' },
          { name: '../evil', content: 'x' },
        ]),
      });
      expect(await waitForBuild(t.builds, evil.build_id)).toMatchObject({
        status: 'BUILD_STATUS_FAILED',
        error: 'unsafe build context: entry "../evil" escapes the context root',
      });
      const bomb = await t.builds.create({
        name: 'bomb',
        zipped_code: await tarGz({ Dockerfile: 'FROM scratch\n', pad: Buffer.alloc(2 * 1024 * 1024) }),
      });
      expect((await waitForBuild(t.builds, bomb.build_id)).error).toMatch(/^unsafe build context: the archive expands more than 10x/);
    } finally {
      await t.close();
    }
  });
});
