/**
 * The second line of the walk/read race check (issue 10): a folder swapped for a link to an outside
 * folder that holds a hard link to the very file the walk saw has the same device and inode, so only
 * the way the file is reached shows that the read left the root. Files are opened one name at a time
 * inside descriptors of their folders, from the root down (FolderChain in src/packing/entry-reader.ts),
 * so a link anywhere on the way fails the open.
 */
import { linkSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packWalkedContext, walkContext } from '../../src/packing/index.js';
import { collect, tempDir, untarGz, writeTree } from './helpers.js';

const linux = process.platform === 'linux';
const SWAPPED = 'was reached through a link that leads elsewhere';
const openFds = () => readdirSync('/proc/self/fd').length;

/** Walks `spec`, then moves `folder` aside and puts a link to a copy outside, made of hard links, in its place. */
async function swapAfterWalk(spec: Record<string, string>, folder: string) {
  const root = await writeTree(await tempDir(), spec);
  const outside = await tempDir();
  for (const rel of Object.keys(spec).filter((rel) => rel.startsWith(`${folder}/`))) {
    const target = path.join(outside, rel.slice(folder.length + 1));
    mkdirSync(path.dirname(target), { recursive: true });
    linkSync(path.join(root, rel), target);
  }
  const walk = await walkContext({ root });
  renameSync(path.join(root, folder), path.join(root, `${folder}-walked`));
  symlinkSync(outside, path.join(root, folder));
  return { root, walk };
}

describe('a file read through a swapped folder', () => {
  it.runIf(linux)('is refused even when it is the same inode the walk saw', async () => {
    const { walk } = await swapAfterWalk({ Dockerfile: 'FROM scratch\n', 'z/note.txt': 'same file\n' }, 'z');
    const packed = packWalkedContext(walk);
    await expect(collect(packed.stream)).rejects.toThrow(`z/note.txt ${SWAPPED}`);
  });

  it.runIf(linux)('is refused when the swapped folder is deeper, with files read before it in the same folders', async () => {
    const spec = { Dockerfile: 'FROM scratch\n', 'a/b/c/one.txt': '1\n', 'a/b/d/note.txt': 'same file\n', 'a/b/d/two.txt': '2\n' };
    const { walk } = await swapAfterWalk(spec, 'a/b/d');
    const before = openFds();
    const packed = packWalkedContext(walk, { threads: 0 });
    await expect(collect(packed.stream)).rejects.toThrow(`a/b/d/note.txt ${SWAPPED}`);
    // The folders held open on the way are closed when the pack fails.
    expect(openFds()).toBe(before);
  });

  it.runIf(linux)('is refused when the context folder itself was swapped for a link', async () => {
    const parent = await tempDir();
    const root = await writeTree(path.join(parent, 'ctx'), { Dockerfile: 'FROM scratch\n', 'note.txt': 'same file\n' });
    const outside = await tempDir();
    for (const name of ['Dockerfile', 'note.txt']) linkSync(path.join(root, name), path.join(outside, name));
    const walk = await walkContext({ root });
    renameSync(root, path.join(parent, 'ctx-walked'));
    symlinkSync(outside, root);
    await expect(collect(packWalkedContext(walk).stream)).rejects.toThrow(`Dockerfile ${SWAPPED}`);
  });

  it('is refused, not followed, when a folder on the way became a file', async () => {
    const root = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n', 'z/note.txt': 'x\n' });
    const walk = await walkContext({ root });
    rmSync(path.join(root, 'z'), { recursive: true });
    writeFileSync(path.join(root, 'z'), 'now a file\n');
    await expect(collect(packWalkedContext(walk).stream)).rejects.toThrow(/z\/note\.txt (could not be|was replaced)/);
  });
});

describe('reading a deep tree folder by folder', () => {
  it('packs every file in path order and closes every folder it opened', async () => {
    const spec: Record<string, string> = { Dockerfile: 'FROM scratch\n' };
    // Names that sort a folder's neighbours between its entries ('a-b' < 'a/b' < 'a0'), and deep folders.
    for (const rel of ['a-b', 'a/b', 'a/b-c/x', 'a/b/c/d/e/f.txt', 'a/b/c/g.txt', 'a/b/h.txt', 'a0', 'a/z/y/x.txt', 'b/a.txt'])
      spec[rel] = `${rel}\n`;
    delete spec['a/b'];
    const root = await writeTree(await tempDir(), spec);
    const before = linux ? openFds() : 0;
    const walk = await walkContext({ root });
    const packed = packWalkedContext(walk, { threads: 0 });
    const entries = await untarGz(await collect(packed.stream));
    await packed.result;
    for (const [rel, content] of Object.entries(spec)) expect(Buffer.from(entries.get(rel)?.data ?? '', 'base64').toString()).toBe(content);
    if (linux) expect(openFds()).toBe(before);
  });
});
