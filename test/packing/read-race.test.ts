/**
 * The second line of the walk/read race check (issue 10): a folder swapped for a link to an outside
 * folder that holds a hard link to the very file the walk saw has the same device and inode, so only
 * the opened file's real path (/proc/self/fd) shows that the read left the root.
 */
import { linkSync, renameSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packWalkedContext, walkContext } from '../../src/packing/index.js';
import { collect, tempDir, writeTree } from './helpers.js';

describe('a file read through a swapped folder', () => {
  it.runIf(process.platform === 'linux')('is refused even when it is the same inode the walk saw', async () => {
    const root = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n', 'z/note.txt': 'same file\n' });
    const outside = await tempDir();
    linkSync(path.join(root, 'z/note.txt'), path.join(outside, 'note.txt'));
    const walk = await walkContext({ root });
    renameSync(path.join(root, 'z'), path.join(root, 'z-walked'));
    symlinkSync(outside, path.join(root, 'z'));
    const packed = packWalkedContext(walk);
    await expect(collect(packed.stream)).rejects.toThrow('z/note.txt was reached through a link that leads elsewhere');
  });
});
