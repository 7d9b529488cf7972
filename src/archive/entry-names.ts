/**
 * Which archive entry names are safe, for the packer checking an archive the user already has and for
 * the local builder unpacking one. An absolute name or one that climbs with `..` is refused rather than
 * cleaned: its only use is escape. Zip names are read with both `/` and `\` as separators, as the most
 * permissive extractor reads them. In a tar, `\` is an ordinary character to the Linux extractors that
 * unpack contexts, so the builder may read tar names that way; the packer, vouching for an archive to
 * whatever extractor gets it, always takes the strict reading.
 */
import path from 'node:path';

/** Whether `candidate` (a host path) is `root` or below it. */
export function isInsideRoot(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`));
}

export type EntryNameProblem = 'empty' | 'nul' | 'absolute' | 'parent';

export interface NameDialect {
  /** Whether `\` separates segments, as zip extractors on Windows take it to; true (the strict reading) by default. */
  backslashIsSeparator?: boolean;
}

const ABSOLUTE = /^(?:\/|[A-Za-z]:)/;

function slashed(name: string, { backslashIsSeparator = true }: NameDialect): string {
  return backslashIsSeparator ? name.replace(/\\/g, '/') : name;
}

/** What is wrong with an entry name, or null when it is safe to unpack. */
export function entryNameProblem(name: string, dialect: NameDialect = {}): EntryNameProblem | null {
  if (name === '') return 'empty';
  if (name.includes('\0')) return 'nul';
  const plain = slashed(name, dialect);
  if (ABSOLUTE.test(plain)) return 'absolute';
  if (plain.split('/').includes('..')) return 'parent';
  return null;
}

/** The segments of a safe name without empty and `.` ones: `./a//b/` is [a, b], the root is []. */
export function entrySegments(name: string, dialect: NameDialect = {}): string[] {
  return slashed(name, dialect)
    .split('/')
    .filter((part) => part !== '' && part !== '.');
}

const PROBLEMS: Record<EntryNameProblem, string> = {
  empty: 'empty entry name',
  nul: 'NUL in entry name',
  absolute: 'absolute entry path',
  parent: 'entry path with ".."',
};

/** Why an entry name is unsafe, in the strict reading, or null. */
export function unsafeEntryName(name: string): string | null {
  const problem = entryNameProblem(name);
  return problem === null ? null : PROBLEMS[problem];
}

/** Why a symlink target is unsafe, or null: it must stay inside the archive once resolved from its entry. */
export function unsafeSymlinkTarget(entryName: string, target: string): string | null {
  if (target === '') return 'empty symlink target';
  if (ABSOLUTE.test(slashed(target, {}))) return 'symlink with an absolute target';
  const from = path.posix.dirname(entrySegments(entryName).join('/') || '.');
  const resolved = path.posix.normalize(path.posix.join(from, slashed(target, {})));
  if (resolved === '..' || resolved.startsWith('../')) return 'symlink pointing outside the archive';
  return null;
}

const MAX_SYMLINK_HOPS = 40;

/**
 * The symlinks of one archive as an extractor meets them, in entry order: no entry may be written
 * through one (`d/l -> ..`, then `d/l/x`), and every one must resolve inside the root through all the
 * others. The packer, vouching for an archive it did not write, and the local builder, unpacking one,
 * apply this same rule. Names are safe, `/`-separated and relative (see entrySegments).
 */
export class ArchiveLinks {
  private readonly links = new Map<string, string>();

  /** The recorded symlink an entry at `rel` would be written through, or undefined. */
  through(rel: string): string | undefined {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (this.links.has(prefix)) return prefix;
    }
    return undefined;
  }

  /** Records a symlink; a later entry of the same name replaces it, as with tar itself. */
  add(rel: string, target: string): void {
    this.links.set(rel, target);
  }

  forget(rel: string): void {
    this.links.delete(rel);
  }

  entries(): IterableIterator<[string, string]> {
    return this.links.entries();
  }

  /** The first symlink that resolves outside the root once every other one is followed, or undefined. */
  escaping(): { rel: string; target: string } | undefined {
    for (const [rel, target] of this.links) if (!this.resolvesInside(rel, target)) return { rel, target };
    return undefined;
  }

  /** Walks the target the way the kernel would, substituting recorded links; climbing above the root fails. */
  private resolvesInside(rel: string, target: string): boolean {
    if (ABSOLUTE.test(target) || target.startsWith('\\')) return false;
    const stack = rel.split('/').slice(0, -1);
    const queue = target.split('/');
    let hops = 0;
    while (queue.length > 0) {
      const part = queue.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (stack.length === 0) return false;
        stack.pop();
        continue;
      }
      stack.push(part);
      const link = this.links.get(stack.join('/'));
      if (link === undefined) continue;
      if (++hops > MAX_SYMLINK_HOPS || ABSOLUTE.test(link)) return false;
      stack.pop();
      queue.unshift(...link.split('/'));
    }
    return true;
  }
}
