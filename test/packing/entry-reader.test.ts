/**
 * Small files are read in batches into one buffer sized from the walk's stat (src/packing/entry-reader.ts).
 * A file that changed size between the walk and the read must still be packed whole and checked: one
 * that grew a little gets a buffer of its own (and its own secret scan), one that grew past the small-file
 * size is streamed, one that shrank is packed as it now is.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packWalkedContext, walkContext } from '../../src/packing/index.js';
import { collect, tempDir, untarGz, writeTree, type Spec } from './helpers.js';

async function packAfter(spec: Spec, change: (root: string) => void) {
  const root = await writeTree(await tempDir(), spec);
  const walk = await walkContext({ root });
  change(root);
  const packed = packWalkedContext(walk);
  const entries = await untarGz(await collect(packed.stream));
  return { entries, result: await packed.result };
}

const spec: Spec = { Dockerfile: 'FROM scratch\n', 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'd.txt': 'd\n' };
const data = (entries: Awaited<ReturnType<typeof untarGz>>, name: string) => Buffer.from(entries.get(name)?.data ?? '', 'base64');

describe('a small file whose size changed after the walk', () => {
  it('is packed whole when it grew, in a buffer of its own, with its neighbours intact', async () => {
    const grown = 'b\n'.repeat(5000);
    const { entries, result } = await packAfter(spec, (root) => writeFileSync(path.join(root, 'b.txt'), grown));
    expect(data(entries, 'b.txt').toString()).toBe(grown);
    expect(['a.txt', 'c.txt', 'd.txt'].map((name) => data(entries, name).toString())).toEqual(['a\n', 'c\n', 'd\n']);
    expect(result.totalBytes).toBe(13 + 2 * 3 + grown.length);
  });

  it('is still checked for secret shapes when it grew', async () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
    const { entries, result } = await packAfter(spec, (root) => appendFileSync(path.join(root, 'c.txt'), `token=${token}\n`));
    expect(entries.has('c.txt')).toBe(false);
    expect(result.excluded).toContainEqual({ path: 'c.txt', reason: 'secret-file', detail: 'contains a github-token' });
  });

  it('is streamed when it grew past the small-file size', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const { entries } = await packAfter(spec, (root) => writeFileSync(path.join(root, 'c.txt'), big));
    expect(data(entries, 'c.txt').equals(big)).toBe(true);
    expect(data(entries, 'd.txt').toString()).toBe('d\n');
  });

  it('is packed as it now is when it shrank', async () => {
    const { entries } = await packAfter({ ...spec, 'b.txt': 'bbbbbbbb' }, (root) => truncateSync(path.join(root, 'b.txt'), 3));
    expect(data(entries, 'b.txt').toString()).toBe('bbb');
    expect(data(entries, 'c.txt').toString()).toBe('c\n');
  });
});
