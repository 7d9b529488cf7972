/**
 * Reads file contents in walk order without ever holding more than a bounded window in memory, and says
 * what every archive entry looks like once the machine it came from is forgotten (fixed timestamps, owner 0,
 * two permission sets), so the same tree always gives the same bytes. Small files are read a few at a time
 * ahead of the writer, because a context is mostly small files and one open/read/close round trip after
 * another would leave the compressor idle.
 */
import { close, constants, existsSync, fstat, open, read, readlink } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ContextEntry } from './walk-result.js';

/** 2000-01-01T00:00:00Z; zip's DOS timestamps cannot go below 1980, so both formats share this one. */
export const ARCHIVE_MTIME = new Date(Date.UTC(2000, 0, 1));

export function permissionBits(entry: ContextEntry): number {
  if (entry.kind === 'symlink') return 0o777;
  return entry.kind === 'directory' || entry.executable ? 0o755 : 0o644;
}

/** An entry ready to be written: small files arrive whole, large ones as a stream of exactly `size` bytes. */
export type LoadedEntry =
  | { entry: ContextEntry; kind: 'directory' }
  | { entry: ContextEntry; kind: 'symlink' }
  | { entry: ContextEntry; kind: 'file'; size: number; data: Uint8Array }
  | { entry: ContextEntry; kind: 'file'; size: number; chunks: AsyncIterable<Uint8Array> };

/** Read size for large files, matching the upload chunk so one read can become one message. */
export const READ_CHUNK_BYTES = 512 * 1024;
const SMALL_FILE_BYTES = 1024 * 1024;
const AHEAD_FILES = 32;
const AHEAD_BYTES = 8 * 1024 * 1024;

// O_NOFOLLOW: a file swapped for a symlink after the walk must not let us read outside the root. It guards
// the last name only; a folder on the way swapped for a link is caught after the open (see openRegular).
// O_NONBLOCK: one swapped for a FIFO must fail instead of waiting forever for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

// Plain descriptors rather than FileHandle objects: half the CPU per file, which counts over thousands of files.
const openFd = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);
const readlinkPath = promisify(readlink);
const readFd = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) =>
    read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );

/** Whether /proc/self/fd names what a descriptor opened (Linux); looked up once, on the first open. */
let procFd: boolean | undefined;

/** The real path of what `fd` opened, or null where the system cannot say. */
async function openedPath(fd: number): Promise<string | null> {
  procFd ??= existsSync('/proc/self/fd');
  return procFd ? readlinkPath(`/proc/self/fd/${fd}`) : null;
}

export class ContextChangedError extends Error {
  constructor(relPath: string, what: string, advice = 'pack again once the folder is stable') {
    super(`${relPath} ${what} while it was being packed; ${advice}`);
    this.name = 'ContextChangedError';
  }
}

/**
 * Opens a walked file and proves it is the one the walk saw, inside the root: the same device and inode,
 * and (where /proc says) the same real path. A folder on the way swapped for a link to elsewhere after the
 * walk would otherwise lead the read outside the root, since O_NOFOLLOW guards only the last name.
 */
async function openRegular(root: string, entry: ContextEntry): Promise<{ fd: number; size: number }> {
  const file = path.join(root, ...entry.path.split('/'));
  let fd: number;
  try {
    fd = await openFd(file, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const advice = code === 'ENOENT' ? undefined : 'fix its permissions or leave it out with .dockerignore';
    throw new ContextChangedError(entry.path, `could not be opened (${code})`, advice);
  }
  try {
    const stats = await fstatFd(fd);
    if (!stats.isFile()) throw new ContextChangedError(entry.path, 'stopped being a regular file');
    if (entry.ino !== undefined && (stats.ino !== entry.ino || stats.dev !== entry.dev)) {
      throw new ContextChangedError(entry.path, 'was replaced by another file');
    }
    const real = await openedPath(fd);
    if (real !== null && real !== file) {
      throw new ContextChangedError(entry.path, 'was reached through a link that leads elsewhere (a folder on its path was swapped)');
    }
    return { fd, size: stats.size };
  } catch (error) {
    await closeFd(fd);
    throw error;
  }
}

async function readAt(fd: number, length: number, position: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const bytesRead = await readFd(fd, buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/** Whole contents of a small file, or null when it has grown too large to read in one piece. */
async function readSmall(root: string, entry: ContextEntry): Promise<Uint8Array | null> {
  const { fd, size } = await openRegular(root, entry);
  try {
    return size > SMALL_FILE_BYTES ? null : await readAt(fd, size, 0);
  } finally {
    await closeFd(fd);
  }
}

async function* readChunks(fd: number, size: number, relPath: string): AsyncGenerator<Uint8Array> {
  for (let position = 0; position < size;) {
    const chunk = await readAt(fd, Math.min(READ_CHUNK_BYTES, size - position), position);
    if (chunk.length === 0) throw new ContextChangedError(relPath, 'shrank');
    position += chunk.length;
    yield chunk;
  }
}

const isSmall = (entry: ContextEntry) => entry.kind === 'file' && entry.size <= SMALL_FILE_BYTES;

export async function* readEntries(root: string, entries: readonly ContextEntry[]): AsyncGenerator<LoadedEntry> {
  const ahead = new Map<number, Promise<Uint8Array | null>>();
  let next = 0;
  let bytesAhead = 0;
  const fill = (current: number) => {
    next = Math.max(next, current);
    while (next < entries.length && next - current < AHEAD_FILES && bytesAhead < AHEAD_BYTES) {
      const entry = entries[next] as ContextEntry;
      if (entry.kind === 'file' && !isSmall(entry)) break;
      if (isSmall(entry)) {
        const read = readSmall(root, entry);
        read.catch(() => {});
        ahead.set(next, read);
        bytesAhead += entry.size;
      }
      next += 1;
    }
  };
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as ContextEntry;
    if (entry.kind !== 'file') {
      fill(index + 1);
      yield { entry, kind: entry.kind };
      continue;
    }
    const pending = ahead.get(index);
    ahead.delete(index);
    if (pending !== undefined) bytesAhead -= entry.size;
    fill(index + 1);
    const data = pending === undefined ? null : await pending;
    if (data !== null) {
      yield { entry, kind: 'file', size: data.length, data };
      continue;
    }
    const { fd, size } = await openRegular(root, entry);
    try {
      yield { entry, kind: 'file', size, chunks: readChunks(fd, size, entry.path) };
    } finally {
      await closeFd(fd);
    }
  }
}
