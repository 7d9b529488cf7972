/**
 * Reads file contents in walk order without ever holding more than a bounded window in memory, and says
 * what every archive entry looks like once the machine it came from is forgotten (fixed timestamps, owner 0,
 * two permission sets), so the same tree always gives the same bytes.
 *
 * A context is mostly small files, and for them the cost is the calls, not the bytes: an asynchronous
 * open, fstat, readlink, read and close each cost the main thread 15–20 µs of dispatch and promise work,
 * against 1–4 µs for the system call itself (measured on 50,000 files of 50–400 bytes: 2.4 s of CPU time
 * asynchronously, 0.54 s synchronously). So small files are read synchronously, in batches of at most
 * BATCH_FILES files, BATCH_BYTES bytes and BATCH_MS milliseconds, into one buffer per batch, and the event
 * loop gets a turn between batches. Large files are read asynchronously in upload-sized chunks.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, read, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
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

/** Consecutive entries in walk order; a large file comes alone, in a batch of its own. */
export interface EntryBatch {
  items: LoadedEntry[];
  /** The batch's one buffer: the small files' `data` are views of it, back to back (a file that grew since the walk may not be). */
  contents: Uint8Array;
}

/** Read size for large files, matching the upload chunk so one read can become one message. */
export const READ_CHUNK_BYTES = 512 * 1024;
const SMALL_FILE_BYTES = 1024 * 1024;
const BATCH_FILES = 512;
const BATCH_BYTES = 2 * 1024 * 1024;
/** How long the event loop may wait for a batch on a slow disk; on a local one a full batch takes 2–5 ms. */
const BATCH_MS = 10;

// O_NOFOLLOW: a file swapped for a symlink after the walk must not let us read outside the root. It guards
// the last name only; a folder on the way swapped for a link is caught by opening folders one name at a
// time, each with O_NOFOLLOW too (see FolderChain).
// O_NONBLOCK: one swapped for a FIFO must fail instead of waiting forever for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const readFd = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) =>
    read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );

/** Whether /proc/self/fd can name and reach what a descriptor opened (Linux); looked up once, on the first open. */
let procFd: boolean | undefined;
const hasProcFd = () => (procFd ??= process.platform === 'linux' && existsSync('/proc/self/fd'));

export class ContextChangedError extends Error {
  constructor(relPath: string, what: string, advice = 'pack again once the folder is stable') {
    super(`${relPath} ${what} while it was being packed; ${advice}`);
    this.name = 'ContextChangedError';
  }
}

/** `root/relPath` as the kernel will name it back through /proc/self/fd (no doubled slash under `/`). */
function absolutePath(root: string, relPath: string): string {
  if (path.sep !== '/') return path.join(root, ...relPath.split('/'));
  return root.endsWith('/') ? `${root}${relPath}` : `${root}/${relPath}`;
}

const SWAPPED = 'was reached through a link that leads elsewhere (a folder on its path was swapped)';

function openError(relPath: string, error: unknown): ContextChangedError {
  const code = (error as NodeJS.ErrnoException).code;
  const advice = code === 'ENOENT' ? undefined : 'fix its permissions or leave it out with .dockerignore';
  return new ContextChangedError(relPath, `could not be opened (${code})`, advice);
}

// A folder on the way is opened as a folder and never through a link: ELOOP is a link in its place.
const FOLDER_FLAGS = constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * The folders on the way to the entry being read, held open from the root down, so that each file is
 * opened by one name inside a folder descriptor: `/proc/self/fd/<folder>/<name>` resolves the folder
 * through the descriptor itself (as openat(2) would), not by its path. The root's real path is checked
 * once, through /proc/self/fd; below it every folder is opened by one name in its parent's descriptor with
 * O_DIRECTORY | O_NOFOLLOW, and every file with O_NOFOLLOW, so a folder swapped for a link after the walk
 * fails to open instead of leading the read elsewhere, and what a descriptor holds is inside the root by
 * construction: the per-file readlink of /proc/self/fd (a system call per file) is no longer needed.
 * Entries come in path order, so each folder's entries are consecutive: it is opened once and closed when
 * the walk order leaves it, and at most one descriptor per level of depth is held.
 *
 * Where /proc cannot reach a descriptor (not Linux), files are opened by their full path, and the inode
 * check in openChecked is the only guard, as before.
 */
export class FolderChain {
  private readonly held: Array<{ rel: string; fd: number; prefix: string }> = [];

  constructor(private readonly root: string) {}

  /** The path to open the entry `relPath` by. */
  pathOf(relPath: string): string {
    if (!hasProcFd()) return absolutePath(this.root, relPath);
    const slash = relPath.lastIndexOf('/');
    const folder = slash < 0 ? '' : relPath.slice(0, slash);
    const top = this.descend(folder, relPath);
    return `${top.prefix}${relPath.slice(slash + 1)}`;
  }

  private descend(folder: string, relPath: string): { rel: string; prefix: string } {
    const held = this.held;
    while (held.length > 1) {
      const rel = (held[held.length - 1] as { rel: string }).rel;
      if (folder === rel || folder.startsWith(`${rel}/`)) break;
      closeSync((held.pop() as { fd: number }).fd);
    }
    if (held.length === 0) {
      const fd = this.openFolder(this.root, relPath);
      let real: string | null = null;
      try {
        real = readlinkSync(`/proc/self/fd/${fd}`);
      } finally {
        if (real !== this.root) closeSync(fd);
      }
      if (real !== this.root) throw new ContextChangedError(relPath, SWAPPED);
      held.push({ rel: '', fd, prefix: `/proc/self/fd/${fd}/` });
    }
    let top = held[held.length - 1] as { rel: string; fd: number; prefix: string };
    while (top.rel !== folder) {
      const start = top.rel === '' ? 0 : top.rel.length + 1;
      const end = folder.indexOf('/', start);
      const name = folder.slice(start, end < 0 ? folder.length : end);
      const fd = this.openFolder(`${top.prefix}${name}`, relPath);
      top = { rel: end < 0 ? folder : folder.slice(0, end), fd, prefix: `/proc/self/fd/${fd}/` };
      held.push(top);
    }
    return top;
  }

  private openFolder(where: string, relPath: string): number {
    try {
      return openSync(where, FOLDER_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOOP' && code !== 'ENOTDIR') throw openError(relPath, error);
      // Linux says ENOTDIR for a link under O_DIRECTORY | O_NOFOLLOW, so look at what is there to say which.
      let link = code === 'ELOOP';
      try {
        link ||= lstatSync(where).isSymbolicLink();
      } catch {
        // Gone meanwhile: it is no longer the folder the walk saw either way.
      }
      throw new ContextChangedError(relPath, link ? SWAPPED : 'could not be reached (a folder on its path is no longer a folder)');
    }
  }

  close(): void {
    for (const { fd } of this.held.splice(0, this.held.length).reverse()) closeSync(fd);
  }
}

/**
 * Opens a walked file inside its folder's descriptor (see FolderChain) and proves it is the one the walk
 * saw: a regular file with the same device and inode. The descriptor chain keeps the read inside the root,
 * since O_NOFOLLOW guards only the last name; and the inode keeps it to the file the walk saw, not another
 * one (a hard link to a file elsewhere, say) put in its place.
 */
function openChecked(folders: FolderChain, entry: ContextEntry): { fd: number; size: number } {
  const file = folders.pathOf(entry.path);
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    throw openError(entry.path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ContextChangedError(entry.path, 'stopped being a regular file');
    if (entry.ino !== undefined && (stats.ino !== entry.ino || stats.dev !== entry.dev)) {
      throw new ContextChangedError(entry.path, 'was replaced by another file');
    }
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Fills `buffer[offset, offset + length)` from the file; fewer bytes only if the file shrank. */
function readFully(fd: number, buffer: Uint8Array, offset: number, length: number): number {
  let filled = 0;
  while (filled < length) {
    const bytesRead = readSync(fd, buffer, offset + filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

async function* readChunks(fd: number, size: number, relPath: string): AsyncGenerator<Uint8Array> {
  for (let position = 0; position < size;) {
    const length = Math.min(READ_CHUNK_BYTES, size - position);
    const buffer = Buffer.allocUnsafeSlow(length);
    let filled = 0;
    while (filled < length) {
      const bytesRead = await readFd(fd, buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled === 0) throw new ContextChangedError(relPath, 'shrank');
    position += filled;
    yield filled === length ? buffer : buffer.subarray(0, filled);
  }
}

const isLarge = (entry: ContextEntry) => entry.kind === 'file' && entry.size > SMALL_FILE_BYTES;

interface ReadBatch extends EntryBatch {
  /** The index of the first entry not in the batch. */
  next: number;
  /** entries[next] has grown past the small-file size since the walk, and is to be streamed. */
  grown: boolean;
}

/** Reads the run of non-large entries starting at `start`, stopping at the first limit it reaches. */
function readBatch(folders: FolderChain, entries: readonly ContextEntry[], start: number): ReadBatch {
  let end = start;
  let planned = 0;
  for (let files = 0; end < entries.length && files < BATCH_FILES; end++) {
    const entry = entries[end] as ContextEntry;
    if (isLarge(entry) || (entry.kind === 'file' && files > 0 && planned + entry.size > BATCH_BYTES)) break;
    if (entry.kind === 'file') {
      files += 1;
      planned += entry.size;
    }
  }
  const contents = Buffer.allocUnsafeSlow(planned);
  const items: LoadedEntry[] = [];
  const started = performance.now();
  let used = 0;
  for (let index = start; index < end; index++) {
    const entry = entries[index] as ContextEntry;
    if (entry.kind !== 'file') {
      items.push({ entry, kind: entry.kind });
      continue;
    }
    if (items.length > 0 && performance.now() - started > BATCH_MS)
      return { items, contents: contents.subarray(0, used), next: index, grown: false };
    const { fd, size } = openChecked(folders, entry);
    try {
      if (size > SMALL_FILE_BYTES) return { items, contents: contents.subarray(0, used), next: index, grown: true };
      // A file that grew since the walk gets a buffer of its own rather than the room of the files after it.
      const fits = size <= planned - used;
      const target = fits ? contents : Buffer.allocUnsafeSlow(size);
      const at = fits ? used : 0;
      const bytes = readFully(fd, target, at, size);
      if (fits) used += bytes;
      items.push({ entry, kind: 'file', size: bytes, data: target.subarray(at, at + bytes) });
    } finally {
      closeSync(fd);
    }
  }
  return { items, contents: contents.subarray(0, used), next: end, grown: false };
}

/** One large file, streamed; its descriptor is closed once the consumer asks for what follows it. */
async function* streamed(folders: FolderChain, entry: ContextEntry): AsyncGenerator<EntryBatch> {
  const { fd, size } = openChecked(folders, entry);
  try {
    yield { items: [{ entry, kind: 'file', size, chunks: readChunks(fd, size, entry.path) }], contents: new Uint8Array(0) };
  } finally {
    closeSync(fd);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function* readEntryBatches(root: string, entries: readonly ContextEntry[]): AsyncGenerator<EntryBatch> {
  const folders = new FolderChain(root);
  try {
    let index = 0;
    while (index < entries.length) {
      const entry = entries[index] as ContextEntry;
      if (isLarge(entry)) {
        yield* streamed(folders, entry);
        index += 1;
        continue;
      }
      const batch = readBatch(folders, entries, index);
      if (batch.items.length > 0) yield { items: batch.items, contents: batch.contents };
      index = batch.next;
      if (batch.grown) {
        yield* streamed(folders, entries[index] as ContextEntry);
        index += 1;
      }
      await nextTurn();
    }
  } finally {
    folders.close();
  }
}
