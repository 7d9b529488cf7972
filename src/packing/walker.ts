/**
 * The traversal behind walkContext: one directory at a time, its entries stat-ed one after another (the
 * event loop gets a turn every STAT_BATCH of them), every decision (ignore rule, secret, link, special file)
 * recorded as an entry or an exclusion.
 */
import { lstatSync, readdirSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { IgnoreRules } from '../archive/ignore-rules.js';
import { contextLimitError, type ContextLimits } from './limits.js';
import { isInsideRoot } from '../archive/entry-names.js';
import { ContextChangedError } from './entry-reader.js';
import {
  configFileSecretReason,
  fileContentSecretReason,
  hasIncludeBelow,
  isExplicitlyIncluded,
  needsConfigCheck,
  secretReasonByName,
  type EntryKind,
} from './secret-files.js';
import type { ContextEntry, Exclusion, HardLinkPolicy, WalkResult } from './walk-result.js';

/** Entries visited before the event loop gets a turn. */
const STAT_BATCH = 256;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sorted by the UTF-8 bytes of their paths. JavaScript compares strings by UTF-16 code units, which is the
 * same order for every character below U+D800 (UTF-8 and UTF-16 both order by code point there), so the
 * bytes are only made when some path holds a character from U+D800 up.
 */
function byPathBytes<T extends { path: string }>(items: T[]): T[] {
  if (!items.some((item) => /[\uD800-\uFFFF]/.test(item.path))) {
    return items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const keyed = items.map((item) => ({ key: Buffer.from(item.path), item }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  return keyed.map(({ item }) => item);
}

function specialKind(stats: Stats): string {
  if (stats.isSocket()) return 'socket';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isCharacterDevice()) return 'character device';
  return 'unknown file type';
}

function ancestors(relPath: string): string[] {
  const out: string[] = [];
  for (let dir = path.posix.dirname(relPath); dir !== '.'; dir = path.posix.dirname(dir)) out.push(dir);
  return out;
}

export class Walker {
  readonly entries: ContextEntry[] = [];
  readonly excluded: Exclusion[] = [];
  readonly secretFilesSent: Array<{ path: string; detail: string }> = [];
  /** Files plus symlinks, which is what the file-count limit caps. */
  private counted = 0;
  private fileCount = 0;
  private totalBytes = 0;
  private readonly forced: Set<string>;
  private readonly forcedAncestors: Set<string>;

  constructor(
    private readonly root: string,
    private readonly rules: IgnoreRules,
    private readonly includes: ReadonlySet<string>,
    private readonly limits: ContextLimits,
    forced: string[],
    private readonly hardLinks: HardLinkPolicy = 'pack',
  ) {
    this.forced = new Set(forced);
    this.forcedAncestors = new Set(forced.flatMap(ancestors));
  }

  /** `root/rel`; both are normalised already, so path.join's normalising is not needed on POSIX. */
  private absolute(rel: string): string {
    if (rel === '' || path.sep !== '/') return path.join(this.root, rel);
    return this.root.endsWith('/') ? `${this.root}${rel}` : `${this.root}/${rel}`;
  }

  async walkDirectory(relDir: string, inSecretDir: boolean): Promise<void> {
    let dirents: Dirent[];
    const abs = this.absolute(relDir);
    try {
      // Synchronous like the lstat calls below: one directory costs a few system calls, and awaiting each
      // left the walk idle for a third of its time on a tree of many small folders.
      dirents = readdirSync(abs, { withFileTypes: true });
      // The listing went by name: a folder swapped for a link while we walk must not list another place.
      if (relDir !== '' && realpathSync.native(abs) !== abs) throw new ContextChangedError(relDir, 'was replaced by a link');
    } catch (error) {
      if (error instanceof ContextChangedError) throw error;
      this.excluded.push({ path: relDir, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code });
      return;
    }
    const subdirs: Array<{ rel: string; secret: boolean }> = [];
    for (let i = 0; i < dirents.length; i++) {
      const name = (dirents[i] as Dirent).name;
      const next = await this.visit(relDir === '' ? name : `${relDir}/${name}`, inSecretDir);
      if (next !== null) subdirs.push(next);
      if (i % STAT_BATCH === STAT_BATCH - 1) await nextTurn();
    }
    for (const sub of subdirs) await this.walkDirectory(sub.rel, sub.secret);
  }

  /** Returns the directory to descend into, if any. */
  private async visit(rel: string, inSecretDir: boolean): Promise<{ rel: string; secret: boolean } | null> {
    try {
      return await this.classify(rel, inSecretDir);
    } catch (error) {
      // A file that vanishes or cannot be read mid-walk is reported, not fatal; limit errors still are.
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw error;
      this.excluded.push({ path: rel, reason: 'unreadable', detail: code });
      return null;
    }
  }

  private async classify(rel: string, inSecretDir: boolean): Promise<{ rel: string; secret: boolean } | null> {
    const abs = this.absolute(rel);
    // Synchronous, as the reader's opens are (entry-reader.ts): lstat is one short system call, and its
    // asynchronous form costs the main thread three times the CPU in dispatch and promises.
    const stats = lstatSync(abs);
    const forced = this.forced.has(rel);
    const kind: EntryKind | null = stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : null;
    if (!forced && this.rules.ignores(rel)) {
      if (kind === 'directory' && (this.rules.mustDescend(rel) || this.forcedAncestors.has(rel))) {
        return { rel, secret: inSecretDir };
      }
      this.excluded.push({ path: rel, reason: this.rules.source === '.dockerignore' ? 'dockerignore' : 'default-skip-list' });
      return null;
    }
    if (kind === null) {
      this.excluded.push({ path: rel, reason: 'special-file', detail: specialKind(stats) });
      return null;
    }
    // Forced files (the Dockerfile, the ignore file) pass the ignore rules, not the secret checks: a secret
    // is sent only when include_secret_files names it, whatever other role it is given.
    const explicit = isExplicitlyIncluded(rel, this.includes);
    const secret = await this.secretReason(rel, abs, kind, inSecretDir, forced);
    if (secret !== null && explicit && kind !== 'directory') this.secretFilesSent.push({ path: rel, detail: secret });
    if (secret !== null && !explicit) {
      if (kind === 'directory' && hasIncludeBelow(rel, this.includes)) return { rel, secret: true };
      this.excluded.push({ path: rel, reason: 'secret-file', detail: secret });
      return null;
    }
    if (kind === 'directory') {
      // Inside a credentials directory only what was named is sent; its other folders stay unlisted.
      if (inSecretDir && !explicit) return { rel, secret: true };
      this.entries.push({ path: rel, kind, size: 0, executable: true });
      return { rel, secret: false };
    }
    if (kind === 'symlink') return this.visitSymlink(rel, abs);
    if (stats.nlink > 1 && this.hardLinks === 'refuse') {
      this.excluded.push({ path: rel, reason: 'hard-link', detail: `${stats.nlink} names (IGNITE_MCP_HARDLINKS=refuse)` });
      return null;
    }
    this.entries.push({
      path: rel,
      kind,
      size: stats.size,
      executable: (stats.mode & 0o111) !== 0,
      dev: stats.dev,
      ino: stats.ino,
      ...(stats.nlink > 1 ? { links: stats.nlink } : {}),
      ...(explicit || forced ? { checked: true } : {}),
    });
    this.fileCount += 1;
    this.count(stats.size);
    return null;
  }

  private async secretReason(rel: string, abs: string, kind: EntryKind, inSecretDir: boolean, forced: boolean) {
    if (inSecretDir && kind !== 'directory') return 'inside a credentials directory';
    const byName = secretReasonByName(rel, kind);
    if (byName !== null) return byName;
    if (needsConfigCheck(rel, kind)) return configFileSecretReason(abs);
    // The packer checks other small files as it reads them; a forced file is needed before that, to say so early.
    if (forced && kind === 'file') return fileContentSecretReason(abs);
    return null;
  }

  private async visitSymlink(rel: string, abs: string): Promise<null> {
    const target = await readlink(abs);
    const resolved = path.resolve(path.dirname(abs), target);
    let real: string | null = null;
    try {
      real = await realpath(abs);
    } catch {
      // Dangling links are kept, as Docker keeps them; only where they point matters.
    }
    if (!isInsideRoot(this.root, resolved) || (real !== null && !isInsideRoot(this.root, real))) {
      this.excluded.push({ path: rel, reason: 'symlink-outside-root', detail: 'points outside the context folder' });
      return null;
    }
    // An absolute target would point at the build machine's file system once unpacked; keep it relative.
    const linkTarget = path.isAbsolute(target) ? (path.relative(path.dirname(abs), resolved) || '.').split(path.sep).join('/') : target;
    this.entries.push({ path: rel, kind: 'symlink', size: 0, executable: false, linkTarget });
    this.count(0);
    return null;
  }

  /**
   * The walk goes on past the file limit so the error can name the real offenders, but stops at twice
   * the limit: a folder with millions of files must not be listed in full just to be refused.
   */
  private count(size: number): void {
    this.counted += 1;
    this.totalBytes += size;
    if (this.counted > 2 * this.limits.maxFiles) this.fail('maxFiles', false);
  }

  private fail(limit: keyof ContextLimits, complete: boolean): never {
    const files = this.entries.filter((e) => e.kind !== 'directory');
    throw contextLimitError(limit, this.limits[limit], files, this.rules.file, this.forced, complete);
  }

  checkLimits(): void {
    if (this.counted > this.limits.maxFiles) this.fail('maxFiles', true);
    if (this.totalBytes > this.limits.maxTotalBytes) this.fail('maxTotalBytes', true);
  }

  result(): Pick<WalkResult, 'entries' | 'excluded' | 'fileCount' | 'totalBytes' | 'secretFilesSent'> {
    // Parents of entries reached through an excluded directory still need their own entries.
    const present = new Set(this.entries.map((e) => e.path));
    // Up to the first folder present: an entry's own iteration covers its ancestors, and a folder added here
    // had its ancestors added with it.
    for (const entry of [...this.entries]) {
      for (let dir = path.posix.dirname(entry.path); dir !== '.' && !present.has(dir); dir = path.posix.dirname(dir)) {
        present.add(dir);
        this.entries.push({ path: dir, kind: 'directory', size: 0, executable: true });
      }
    }
    return {
      entries: byPathBytes(this.entries),
      excluded: byPathBytes(this.excluded),
      secretFilesSent: byPathBytes(this.secretFilesSent),
      fileCount: this.fileCount,
      totalBytes: this.totalBytes,
    };
  }
}
