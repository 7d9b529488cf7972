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
