import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Zip, ZipPassThrough, zipSync } from 'fflate';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { InvalidArchiveError, openExistingArchive, packContext, PathNotAllowedError } from '../../src/packing/index.js';
import { collect, tempDir, writeTree } from './helpers.js';

type TarEntry = { name: string; type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo'; linkname?: string; data?: string };

async function tarGz(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const bytes = collect(pack as AsyncIterable<Uint8Array>);
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const { data, ...header } = entry;
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (data !== undefined) pack.entry(header, data, done);
      else pack.entry(header, done);
    });
  }
  pack.finalize();
  return gzipSync(await bytes);
}

function zipWithSymlink(name: string, target: string): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const link = new ZipPassThrough(name);
  Object.assign(link, { os: 3, attrs: (0o120777 << 16) >>> 0 });
  zip.add(link);
  link.push(new TextEncoder().encode(target), true);
  zip.end();
  return Buffer.concat(parts);
}

async function archiveFile(name: string, bytes: Uint8Array): Promise<{ root: string; file: string }> {
  const root = await tempDir();
  const file = path.join(root, name);
  await writeFile(file, bytes);
  return { root, file };
}

describe('openExistingArchive', () => {
  it('accepts a tar.gz we packed, reports size and digest, and streams the same bytes', async () => {
    const source = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n', 'a/b.txt': 'x', link: { link: 'a/b.txt' } });
    const packed = await packContext({ folder: source, allowedRoots: [source] });
    const { root, file } = await archiveFile('ctx.tgz', await collect(packed.stream));
    const archive = await openExistingArchive('ctx.tgz', [root], { base: root });
    const bytes = await readFile(file);
    expect(archive).toMatchObject({
      path: file,
      format: 'tar.gz',
      contentType: 'application/gzip',
      sizeBytes: bytes.length,
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      entryCount: 4,
    });
    expect((await collect(archive.stream())).equals(bytes)).toBe(true);
  });

  it('accepts a zip, including one we packed with a symlink inside', async () => {
    const source = await writeTree(await tempDir(), { 'a/b.txt': 'x', link: { link: 'a/b.txt' } });
    const packed = await packContext({ folder: source, allowedRoots: [source], format: 'zip' });
    const { root } = await archiveFile('ctx.zip', await collect(packed.stream));
    const archive = await openExistingArchive(path.join(root, 'ctx.zip'), [root]);
    expect(archive).toMatchObject({ format: 'zip', contentType: 'application/zip', entryCount: 3 });
  });

  it.each<[string, TarEntry[], RegExp]>([
    ['a ../ path', [{ name: '../evil', data: 'x' }], /entry path with "\.\."/],
    ['a nested ../ path', [{ name: 'ok/../../evil', data: 'x' }], /entry path with "\.\."/],
    ['an absolute path', [{ name: '/etc/cron.d/evil', data: 'x' }], /absolute entry path/],
    ['a Windows drive path', [{ name: 'C:\\evil', data: 'x' }], /absolute entry path/],
    ['a symlink out of the root', [{ name: 'a/link', type: 'symlink', linkname: '../../etc' }], /symlink pointing outside/],
    ['an absolute symlink', [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' }], /absolute target/],
    ['a hard link out of the root', [{ name: 'hard', type: 'link', linkname: '../x' }], /entry path with "\.\."/],
    ['a FIFO', [{ name: 'pipe', type: 'fifo' }], /unsupported entry type fifo/],
  ])('rejects a tar.gz with %s', async (_label, entries, reason) => {
    const { root, file } = await archiveFile('bad.tar.gz', await tarGz([{ name: 'ok.txt', data: 'fine' }, ...entries]));
    const error = await openExistingArchive(file, [root]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArchiveError);
    expect((error as Error).message).toMatch(reason);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a ../ path', zipSync({ '../evil': new Uint8Array([1]) }), /entry path with "\.\."/],
    ['an absolute path', zipSync({ '/abs/evil': new Uint8Array([1]) }), /absolute entry path/],
    ['a symlink out of the root', zipWithSymlink('link', '../../etc/passwd'), /symlink pointing outside/],
  ])('rejects a zip with %s', async (_label, bytes, reason) => {
    const { root, file } = await archiveFile('bad.zip', bytes);
    await expect(openExistingArchive(file, [root])).rejects.toThrow(reason);
  });

  it('rejects files that are not archives, and truncated ones', async () => {
    const good = await tarGz([{ name: 'a.txt', data: 'x'.repeat(100_000) }]);
    const { root, file } = await archiveFile('notes.tar.gz', Buffer.from('just text'));
    await expect(openExistingArchive(file, [root])).rejects.toThrow(/not a gzip-compressed tar or a zip/);
    await writeFile(path.join(root, 'cut.tgz'), good.subarray(0, good.length - 20));
    await expect(openExistingArchive(path.join(root, 'cut.tgz'), [root])).rejects.toThrow(InvalidArchiveError);
  });

  it('refuses an archive outside the allowed folders', async () => {
    const { file } = await archiveFile('ctx.tgz', await tarGz([{ name: 'a', data: 'x' }]));
    const elsewhere = await tempDir();
    await expect(openExistingArchive(file, [elsewhere])).rejects.toThrow(PathNotAllowedError);
  });

  it('fails the upload stream when the file changed after validation', async () => {
    const { root, file } = await archiveFile('ctx.tgz', await tarGz([{ name: 'a', data: 'x' }]));
    const archive = await openExistingArchive(file, [root]);
    await writeFile(file, await tarGz([{ name: 'a', data: 'y' }]));
    await expect(collect(archive.stream())).rejects.toThrow(/changed after it was validated/);
  });
});
