import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextLimitError, packContext, planContext, walkContext, packWalkedContext, type PackOptions } from '../../src/packing/index.js';
import { collect, readTree, tempDir, untarGz, unzipEntries, withoutHeaders, writeTree, type Spec } from './helpers.js';

const sourceTree: Spec = {
  Dockerfile: 'FROM node:20\nCOPY . .\n',
  'src/index.js': 'console.log("hi")\n'.repeat(200),
  'src/lib/util.js': 'export const x = 1;\n',
  'bin/run.sh': { data: '#!/bin/sh\necho run\n', mode: 0o700 },
  'assets/blob.bin': randomBytes(300_000),
  'assets/big.txt': 'lorem ipsum dolor sit amet '.repeat(100_000),
  'empty-dir/': { dir: true },
  'link-to-lib': { link: 'src/lib' },
  'unicode-ñame.txt': 'ñ',
  [`deep/${'d'.repeat(90)}/${'n'.repeat(90)}.txt`]: 'long names need pax or a ustar prefix',
  '.env': 'SECRET=1',
  'node_modules/dep/index.js': 'skipped',
};

async function packFolder(root: string, options: PackOptions = {}) {
  const packed = await packContext({ folder: root, allowedRoots: [root], ...options });
  const bytes = await collect(packed.stream);
  return { packed, bytes, result: await packed.result };
}

describe('tar.gz', () => {
  it('round-trips: tar-stream and tar(1) both unpack exactly the tree docker build would see', async () => {
    const root = await writeTree(await tempDir(), sourceTree);
    const { packed, bytes, result } = await packFolder(root);
    expect(packed.contentType).toBe('application/gzip');
    expect(packed.folder).toBe(root);
    expect(result.packedBytes).toBe(bytes.length);
    expect(result.digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(result.fileCount).toBe(8);

    const expected = await readTree(root);
    for (const key of [...expected.keys()]) {
      if (key === '.env' || key.startsWith('node_modules')) expected.delete(key);
    }
    const entries = await untarGz(bytes);
    expect(withoutHeaders(entries)).toEqual(expected);
    for (const { header } of entries.values()) {
      expect(header).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: new Date('2000-01-01T00:00:00Z') });
    }
    expect(entries.get('bin/run.sh')?.header?.mode).toBe(0o755);
    expect(entries.get('src/index.js')?.header?.mode).toBe(0o644);
    expect(entries.get('src')?.header?.mode).toBe(0o755);

    const out = await tempDir('untar-');
    await writeFile(path.join(out, 'ctx.tgz'), bytes);
    const unpacked = path.join(out, 'tree');
    execFileSync('mkdir', [unpacked]);
    execFileSync('tar', ['-xzf', path.join(out, 'ctx.tgz'), '-C', unpacked]);
    expect(await readTree(unpacked)).toEqual(expected);
  });

  it('is byte-identical across runs, mtimes, permission noise and thread counts', async () => {
    const root = await writeTree(await tempDir(), sourceTree);
    const first = await packFolder(root, { threads: 0 });
    await utimes(path.join(root, 'src', 'index.js'), new Date('2031-05-05'), new Date('2031-05-05'));
    await utimes(path.join(root, 'src'), new Date('1999-01-01'), new Date('1999-01-01'));
    await chmod(path.join(root, 'src', 'lib', 'util.js'), 0o600);
    const second = await packFolder(root, { threads: 2 });
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.result.digest).toBe(first.result.digest);
  });
});

describe('zip', () => {
  it('round-trips through fflate and unzip(1), keeping modes and symlinks', async () => {
    const root = await writeTree(await tempDir(), sourceTree);
    const { packed, bytes, result } = await packFolder(root, { format: 'zip' });
    expect(packed.contentType).toBe('application/zip');
    expect(result.packedBytes).toBe(bytes.length);
    const expected = await readTree(root);
    for (const key of [...expected.keys()]) {
      if (key === '.env' || key.startsWith('node_modules')) expected.delete(key);
    }
    const entries = unzipEntries(bytes);
    // fflate does not know about symlinks: it shows the link as a file holding the target.
    expect(entries.get('link-to-lib')).toEqual({ type: 'file', data: Buffer.from('src/lib').toString('base64') });
    entries.set('link-to-lib', { type: 'symlink', link: 'src/lib' });
    expect(entries).toEqual(expected);

    const out = await tempDir('unzip-');
    await writeFile(path.join(out, 'ctx.zip'), bytes);
    execFileSync('unzip', ['-q', path.join(out, 'ctx.zip'), '-d', path.join(out, 'tree')]);
    expect(await readTree(path.join(out, 'tree'))).toEqual(expected);
    const again = await packFolder(root, { format: 'zip', threads: 0 });
    expect(again.bytes.equals(bytes)).toBe(true);
  });
});

describe('limits', () => {
  it('fails before packing, naming the largest files and the .dockerignore line to add', async () => {
    const root = await writeTree(await tempDir(), {
      'data/a.bin': randomBytes(5000),
      'data/b.bin': randomBytes(4000),
      'data/c.bin': randomBytes(3000),
      'app.js': 'x',
    });
    const error = await packContext({ folder: root, allowedRoots: [root], limits: { maxTotalBytes: 8000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextLimitError);
    const message = (error as Error).message;
    expect(message).toContain('data/a.bin (4.9 KB)');
    expect(message).toContain('Create a .dockerignore with the line "data/"');
    expect((error as ContextLimitError).suggestedIgnoreLine).toBe('data/');

    await writeFile(path.join(root, '.dockerignore'), 'nothing\n');
    const byCount = await packContext({ folder: root, allowedRoots: [root], limits: { maxFiles: 2 } }).catch((e: unknown) => e);
    expect((byCount as ContextLimitError).limit).toBe('maxFiles');
    expect((byCount as Error).message).toMatch(/limit of 2 files.*Add the line "data\/" to \.dockerignore/);
  });

  it('refuses zip when the classic format cannot hold the context', async () => {
    const root = await writeTree(await tempDir(), { a: 'x' });
    const walk = await walkContext({ root });
    expect(() => packWalkedContext({ ...walk, totalBytes: 2 ** 32 }, { format: 'zip' })).toThrow(/use format "tar.gz"/);
  });
});

describe('the result promise', () => {
  it('rejects when the stream is abandoned part way', async () => {
    const root = await writeTree(await tempDir(), { 'big.bin': randomBytes(3 * 1024 * 1024) });
    const packed = await packContext({ folder: root, allowedRoots: [root] });
    for await (const chunk of packed.stream) {
      void chunk;
      break;
    }
    await expect(packed.result).rejects.toThrow(/not read to the end/);
  });

  it('rejects when the stream is closed before it was read at all', async () => {
    const root = await writeTree(await tempDir(), { a: 'x' });
    const packed = await packContext({ folder: root, allowedRoots: [root] });
    await packed.stream[Symbol.asyncIterator]().return?.(undefined);
    await expect(packed.result).rejects.toThrow(/not read to the end/);
  });
});

describe('planContext (dry run)', () => {
  it('reports counts, sizes, the largest files, ignore source, exclusions and the Dockerfile', async () => {
    const root = await writeTree(await tempDir(), sourceTree);
    const manifest = await planContext({ folder: root, allowedRoots: [root] });
    const { result } = await packFolder(root);
    expect(manifest).toMatchObject({
      folder: root,
      format: 'tar.gz',
      contentType: 'application/gzip',
      fileCount: 8,
      symlinkCount: 1,
      packedBytes: result.packedBytes,
      digest: result.digest,
      fitsInline: true,
      ignoreSource: 'default-skip-list',
      excludedCounts: { 'default-skip-list': 1, 'secret-file': 1 },
      secretFilesLeftOut: [{ path: '.env', reason: 'secret-file', detail: 'dotenv file' }],
      dockerfile: { path: 'Dockerfile', found: true },
    });
    expect(manifest.largestFiles.map((f) => f.path).slice(0, 2)).toEqual(['assets/big.txt', 'assets/blob.bin']);
    const quick = await planContext({ folder: root, allowedRoots: [root], measurePackedSize: false });
    expect(quick.packedBytes).toBeNull();
  });
});
