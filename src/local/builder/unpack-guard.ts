import { chmod, lstat, mkdir, open, readdir, rm, symlink } from 'node:fs/promises';
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

const REFUSED_NAMES: Record<Exclude<EntryNameProblem, 'empty'>, (quoted: string) => string> = {
  nul: (quoted) => `entry name ${quoted} contains a NUL byte`,
  absolute: (quoted) => `entry ${quoted} has an absolute path`,
  parent: (quoted) => `entry ${quoted} escapes the context root`,
};

/**
 * Keeps one extraction inside its root and within its budget. Symlinks are not created while
 * entries are written (nothing can be written through them) but recorded, resolved against every
 * other recorded link once the archive is read, and created only when they land inside the root.
 */
export class ExtractionGuard {
  private entries = 0;
  private bytes = 0;
  private readonly symlinks = new ArchiveLinks();
  private readonly dirModes = new Map<string, number>();
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

  /** Directories get their mode at the end: mkdir is subject to the umask, and digests must not be. */
  noteDirectory(rel: string, mode: number): void {
    this.dirModes.set(rel, mode);
  }

  noteSymlink(rel: string, target: string): void {
    if (target.includes('\0') || target === '') throw this.unsafe(`symlink ${JSON.stringify(rel)} has an invalid target`);
    this.symlinks.add(rel, target);
  }

  private unsafe(reason: string): BuildFailure {
    return new BuildFailure(`unsafe ${this.label}: ${reason}`);
  }

  /** Creates the recorded symlinks, each only if it resolves inside the root through all the others. */
  async finish(): Promise<void> {
    const escaping = this.symlinks.escaping();
    if (escaping !== undefined) {
      throw this.unsafe(`symlink ${JSON.stringify(escaping.rel)} -> ${JSON.stringify(escaping.target)} points outside the context root`);
    }
    for (const [rel, target] of this.symlinks.entries()) {
      const host = this.hostPath(rel);
      await mkdir(path.dirname(host), { recursive: true });
      const existing = await lstat(host).catch(() => undefined);
      if (existing?.isDirectory()) throw this.unsafe(`entry ${JSON.stringify(rel)} is both a directory and a symlink`);
      if (existing) await rm(host, { force: true });
      await symlink(target, host);
    }
    await settleDirectoryModes(this.root, this.dirModes);
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

/** Writes an entry's data, counting every byte against the guard before it reaches the disk. */
export async function writeStream(
  data: AsyncIterable<Buffer>,
  host: string,
  mode: number,
  guard: ExtractionGuard,
  signal: AbortSignal,
): Promise<void> {
  const handle = await open(host, 'wx', mode);
  try {
    for await (const chunk of data) {
      checkAborted(signal);
      guard.countBytes(chunk.length);
      await handle.write(chunk);
    }
    await handle.chmod(mode);
  } finally {
    await handle.close();
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

/** Permission bits only (no setuid/setgid/sticky), always readable and writable by us. */
export function fileMode(mode: number | undefined): number {
  return ((mode ?? 0o644) & 0o777) | 0o600;
}

export function dirMode(mode: number | undefined): number {
  return ((mode ?? 0o755) & 0o777) | 0o700;
}
