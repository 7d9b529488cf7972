import { chmod, copyFile, lstat, mkdir, open, readdir, rm, symlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ArchiveLinks, entryNameProblem, entrySegments, type EntryNameProblem, type NameDialect } from '../../archive/entry-names.js';
import { BuildFailure, checkAborted } from './build-output.js';

export interface UnpackLimits {
  /** Most bytes all entries may expand to. */
  maxBytes: number;
  /** Most the unpacked total may exceed the archive's own size by, as a factor. */
  maxRatio: number;
  maxEntries: number;
}

/**
 * Below this many unpacked bytes the ratio is not checked: a small context of text files or
 * zeros legitimately compresses far better than 200x, and a bomb needs volume to do harm.
 */
const RATIO_GRACE_BYTES = 1024 * 1024;

/**
 * A file of at most this many bytes is read whole and written in the background while the next
 * entries are read; a bigger one is streamed to disk as it arrives. At most PARALLEL_WRITES files
 * are in flight, so at most PARALLEL_WRITES * SMALL_FILE_BYTES bytes are held.
 */
const SMALL_FILE_BYTES = 256 * 1024;
const PARALLEL_WRITES = 8;

const REFUSED_NAMES: Record<Exclude<EntryNameProblem, 'empty'>, (quoted: string) => string> = {
  nul: (quoted) => `entry name ${quoted} contains a NUL byte`,
  absolute: (quoted) => `entry ${quoted} has an absolute path`,
  parent: (quoted) => `entry ${quoted} escapes the context root`,
};

/**
 * Keeps one extraction inside its root and within its budget, and writes its entries. Symlinks are
 * not created while entries are written (nothing can be written through them) but recorded,
 * resolved against every other recorded link once the archive is read, and created only when they
 * land inside the root.
 *
 * Entries are written in one pass with as few file-system calls as possible (issue 11's build
 * cost): directories are made once, a file is created with O_EXCL and only a name that already
 * exists is looked at, and small files are written a few at a time while the next entries are read.
 * An entry waits for any write in flight at its own path or a parent's, so later entries still win
 * and a file and a directory of the same name still fail; every byte is counted against the limits
 * before it is written, as before.
 */
export class ExtractionGuard {
  private entries = 0;
  private bytes = 0;
  private readonly symlinks = new ArchiveLinks();
  private readonly dirModes = new Map<string, number>();
  /** Host directories this extraction made (the root's ancestors excluded); every one exists. */
  private readonly dirs = new Set<string>();
  /** Bytes on disk per entry path (files, hard-link copies, symlinks), for the context's size. */
  private readonly sizes = new Map<string, number>();
  /** Background writes by entry path. */
  private readonly pending = new Map<string, Promise<void>>();
  private failure: { error: unknown } | undefined;
  private hadSymlinks = false;
  readonly skipped: string[] = [];

  constructor(
    readonly root: string,
    private readonly archiveBytes: number,
    private readonly limits: UnpackLimits,
    /** What is being unpacked, for messages: "build context", or "archive app.tar.gz" for ADD. */
    private readonly label = 'build context',
  ) {}

  /**
   * The entry's path relative to the root, with `/` separators; undefined for the root itself. Names
   * are read as tar reads them unless the dialect says `\` separates too, as it does in a zip.
   */
  entryPath(name: string, dialect: NameDialect = { backslashIsSeparator: false }): string | undefined {
    const problem = entryNameProblem(name, dialect);
    if (problem !== null && problem !== 'empty') throw this.unsafe(REFUSED_NAMES[problem](JSON.stringify(name)));
    const parts = entrySegments(name, dialect);
    if (parts.length === 0) return undefined;
    const rel = parts.join('/');
    const link = this.symlinks.through(rel);
    if (link !== undefined) throw this.unsafe(`entry ${JSON.stringify(name)} would be written through the symlink ${JSON.stringify(link)}`);
    this.symlinks.forget(rel);
    return rel;
  }

  hostPath(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  countEntry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw this.unsafe(`the archive has more than ${this.limits.maxEntries} entries (the local Ignite's limit)`);
    }
  }

  countBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) {
      throw this.unsafe(`the archive unpacks to more than ${this.limits.maxBytes} bytes (the local Ignite's limit)`);
    }
    if (this.bytes > RATIO_GRACE_BYTES && this.bytes > this.archiveBytes * this.limits.maxRatio) {
      throw this.unsafe(
        `the archive expands more than ${this.limits.maxRatio}x its size of ${this.archiveBytes} bytes ` +
          `(over ${this.bytes} bytes so far); refusing to unpack a likely decompression bomb`,
      );
    }
  }

  get unpackedBytes(): number {
    return this.bytes;
  }

  /** What the unpacked tree holds, as `du --apparent-size` of its files and links counts it; valid after finish(). */
  get treeBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  /** Directories get their mode at the end: mkdir is subject to the umask, and digests must not be. */
  noteDirectory(rel: string, mode: number): void {
    this.dirModes.set(rel, mode);
  }

  noteSymlink(rel: string, target: string): void {
    if (target.includes('\0') || target === '') throw this.unsafe(`symlink ${JSON.stringify(rel)} has an invalid target`);
    this.symlinks.add(rel, target);
  }

  /** A directory entry. */
  async directory(rel: string, mode: number): Promise<void> {
    await this.settle(rel);
    await this.makeDirectory(this.hostPath(rel));
    this.noteDirectory(rel, mode);
  }

  /** A file entry: its bytes counted as they are read, then written (in the background when small). */
  async file(rel: string, data: AsyncIterable<Buffer>, mode: number, signal: AbortSignal): Promise<void> {
    await this.settle(rel);
    const host = this.hostPath(rel);
    await this.makeDirectory(path.dirname(host));
    const iterator = data[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      checkAborted(signal);
      this.countBytes(next.value.length);
      chunks.push(next.value);
      length += next.value.length;
      if (length > SMALL_FILE_BYTES) {
        // Too big to hold: what was read goes first, the rest streams to disk as it arrives.
        const rest = { [Symbol.asyncIterator]: () => iterator };
        await createReplacing(host, mode, async (handle) => {
          for (const chunk of chunks) await handle.write(chunk);
          for await (const chunk of rest) {
            checkAborted(signal);
            this.countBytes(chunk.length);
            length += chunk.length;
            await handle.write(chunk);
          }
        });
        this.sizes.set(rel, length);
        return;
      }
    }
    this.sizes.set(rel, length);
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.inBackground(rel, () =>
      createReplacing(host, mode, async (handle) => {
        if (body.length > 0) await handle.write(body);
      }),
    );
    while (this.pending.size >= PARALLEL_WRITES) await Promise.race(this.pending.values());
    this.rethrow();
  }

  /** A hard link: a copy of a file written earlier, which must be inside the root. */
  async hardLink(rel: string, linkname: string): Promise<void> {
    const target = this.entryPath(linkname);
    if (target !== undefined) await this.settle(target);
    const source = target === undefined ? undefined : await lstat(this.hostPath(target)).catch(() => undefined);
    if (target === undefined || !source?.isFile()) {
      throw new BuildFailure(
        `unsafe ${this.label}: hard link ${JSON.stringify(rel)} -> ${JSON.stringify(linkname)} does not point to a file inside the context`,
      );
    }
    this.countBytes(source.size);
    await this.settle(rel);
    const host = this.hostPath(rel);
    await this.makeDirectory(path.dirname(host));
    await replaceWith(host, () => copyFile(this.hostPath(target), host));
    this.sizes.set(rel, source.size);
  }

  /** Waits for every write still in flight, for a caller that gives up: nothing is written after it returns. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  private unsafe(reason: string): BuildFailure {
    return new BuildFailure(`unsafe ${this.label}: ${reason}`);
  }

  private async makeDirectory(host: string): Promise<void> {
    if (host === this.root || this.dirs.has(host)) return;
    await mkdir(host, { recursive: true });
    for (let dir = host; dir !== this.root && dir.startsWith(this.root); dir = path.dirname(dir)) this.dirs.add(dir);
  }

  /** Waits for writes in flight at `rel` and at its parents (a file there decides how this entry fails). */
  private async settle(rel: string): Promise<void> {
    this.rethrow();
    for (let at = rel; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const write = this.pending.get(at);
      if (write) await write;
      if (!at.includes('/')) break;
    }
    this.rethrow();
  }

  private inBackground(rel: string, write: () => Promise<void>): void {
    const tracked: Promise<void> = write().then(
      () => {
        if (this.pending.get(rel) === tracked) this.pending.delete(rel);
      },
      (error: unknown) => {
        this.failure ??= { error };
        if (this.pending.get(rel) === tracked) this.pending.delete(rel);
      },
    );
    this.pending.set(rel, tracked);
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Waits for the writes, then creates the recorded symlinks, each only if it resolves inside the root through all the others. */
  async finish(): Promise<void> {
    await this.drain();
    this.rethrow();
    const escaping = this.symlinks.escaping();
    if (escaping !== undefined) {
      throw this.unsafe(`symlink ${JSON.stringify(escaping.rel)} -> ${JSON.stringify(escaping.target)} points outside the context root`);
    }
    for (const [rel, target] of this.symlinks.entries()) {
      this.hadSymlinks = true;
      const host = this.hostPath(rel);
      await mkdir(path.dirname(host), { recursive: true });
      const existing = await lstat(host).catch(() => undefined);
      if (existing?.isDirectory()) throw this.unsafe(`entry ${JSON.stringify(rel)} is both a directory and a symlink`);
      if (existing) await rm(host, { force: true });
      await symlink(target, host);
      this.sizes.set(rel, Buffer.byteLength(target));
    }
    if (this.hadSymlinks) await settleDirectoryModes(this.root, this.dirModes);
    else {
      // Without symlinks every directory of the tree is one this extraction made: no walk needed.
      for (const host of this.dirs) {
        const rel = path.relative(this.root, host).split(path.sep).join('/');
        await chmod(host, this.dirModes.get(rel) ?? 0o755);
      }
    }
  }
}

/** Gives every directory under `root` its recorded mode, or 0755, whatever the umask made of it. */
export async function settleDirectoryModes(root: string, modes: ReadonlyMap<string, number> = new Map(), rel = ''): Promise<void> {
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    await chmod(path.join(root, child), modes.get(child) ?? 0o755);
    await settleDirectoryModes(root, modes, child);
  }
}

/** A later entry with the same name wins, as with tar itself. */
export async function replaceWith(host: string, write: () => Promise<void>): Promise<void> {
  await mkdir(path.dirname(host), { recursive: true });
  const existing = await lstat(host).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`${path.basename(host)} is both a directory and a file`);
  if (existing) await rm(host, { force: true });
  await write();
}

/**
 * Creates `host` exclusively with `mode` (umask-proof) and fills it; a name that exists already is
 * looked at only then: a later entry replaces a file of the same name, never a directory.
 */
async function createReplacing(host: string, mode: number, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(host, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const existing = await lstat(host);
    if (existing.isDirectory()) throw new Error(`${path.basename(host)} is both a directory and a file`, { cause: err });
    await rm(host, { force: true });
    handle = await open(host, 'wx', mode);
  }
  try {
    await fill(handle);
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

/** Permission bits only (no setuid/setgid/sticky), always readable and writable by us. */
export function fileMode(mode: number | undefined): number {
  return ((mode ?? 0o644) & 0o777) | 0o600;
}

export function dirMode(mode: number | undefined): number {
  return ((mode ?? 0o755) & 0o777) | 0o700;
}
