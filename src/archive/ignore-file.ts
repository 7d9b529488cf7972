/**
 * Reads an ignore file from a context folder without being led anywhere by it. The folder is the
 * user's (packer) or came out of an archive someone sent (builder), so the name may be a symlink to a
 * file elsewhere, a FIFO that blocks a read forever, a device, or something huge; each is refused with
 * a message naming it instead of being read or silently skipped, since skipping would send files the
 * user meant to leave out.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../shared/errors.js';
import { isInsideRoot } from './entry-names.js';

/** Far above any real ignore file; anything bigger is not one. */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

// O_NOFOLLOW: a file swapped for a symlink after the lstat must not be followed.
// O_NONBLOCK: opening one swapped for a FIFO must not wait for a writer; the fstat then refuses it.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export class IgnoreFileError extends UserError {
  override readonly name: string = 'IgnoreFileError';

  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `${file} cannot be used as an ignore file: ${reason}`,
      `Make ${file} a regular file of at most 1 MiB inside the context folder, or remove it.`,
      {
        code: 'IGNORE_FILE_UNUSABLE',
      },
    );
  }
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

async function readCapped(file: string, rel: string): Promise<string> {
  const handle = await open(file, READ_FLAGS).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOOP' ? new IgnoreFileError(rel, 'it became a symlink while it was being read') : error;
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new IgnoreFileError(rel, `it became a ${kindOf(stats)} while it was being read`);
    // One byte over the cap tells a file that grew after the fstat from one that is exactly at it.
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_IGNORE_FILE_BYTES) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > MAX_IGNORE_FILE_BYTES) throw new IgnoreFileError(rel, `it is over 1 MiB (${MAX_IGNORE_FILE_BYTES} bytes)`);
    return buffer.toString('utf8', 0, filled);
  } finally {
    await handle.close();
  }
}

/** The text of the ignore file at `rel` (POSIX, relative to `root`), or null when there is none. */
export async function readIgnoreFile(root: string, rel: string): Promise<string | null> {
  const file = path.join(root, ...rel.split('/'));
  let stats: Stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    // ENOTDIR is not "no file": a folder on the way, most often the root itself, is a file; say so.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!stats.isFile()) throw new IgnoreFileError(rel, `it is a ${kindOf(stats)}, not a regular file`);
  // lstat looked at the last name only; a folder on the way may be a symlink out of the root.
  const [realRoot, realParent] = await Promise.all([realpath(root), realpath(path.dirname(file))]);
  if (!isInsideRoot(realRoot, realParent)) throw new IgnoreFileError(rel, 'a folder on its path leads outside the context folder');
  return readCapped(file, rel);
}
