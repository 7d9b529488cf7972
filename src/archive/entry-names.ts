/**
 * Path rules shared by the walker and the archive validator. Inside a context, paths are POSIX and
 * relative. Archives we did not write are read as the most permissive extractor would read them, with
 * both `/` and `\` as separators, since whoever unpacks the context must never be led outside it.
 */
import path from 'node:path';

export function isInsideRoot(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`));
}

/** A caller-given path (the Dockerfile, a secret file to include) that points outside the context. */
export class PathOutsideContextError extends Error {
  constructor(
    readonly input: string,
    readonly root: string,
  ) {
    super(`Path must name something inside the context folder ${root}: ${input}`);
    this.name = 'PathOutsideContextError';
  }
}

/**
 * Turns a caller-given path inside the context (`sub\Dockerfile`, `./a/b`, or an absolute path under the
 * root) into the POSIX relative form used for matching and archive names. Throws when it leaves the root.
 */
export function toContextRelative(input: string, root: string): string {
  const slashed = input.trim().replace(/\\/g, '/');
  const relative = path.isAbsolute(slashed) ? path.relative(root, slashed).split(path.sep).join('/') : slashed;
  const normalised = path.posix.normalize(relative).replace(/\/+$/, '');
  if (normalised === '..' || normalised.startsWith('../') || path.posix.isAbsolute(normalised) || normalised === '.') {
    throw new PathOutsideContextError(input, root);
  }
  return normalised;
}

const ABSOLUTE = /^(?:[\\/]|[A-Za-z]:)/;

function segments(name: string): string[] {
  return name.split(/[\\/]+/);
}

/** Why an entry name is unsafe, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'empty entry name';
  if (name.includes('\0')) return 'NUL in entry name';
  if (ABSOLUTE.test(name)) return 'absolute entry path';
  if (segments(name).includes('..')) return 'entry path with ".."';
  return null;
}

/** Why a symlink target is unsafe, or null: it must stay inside the archive once resolved from its entry. */
export function unsafeSymlinkTarget(entryName: string, target: string): string | null {
  if (target === '') return 'empty symlink target';
  if (ABSOLUTE.test(target)) return 'symlink with an absolute target';
  const from = path.posix.dirname(segments(entryName).join('/'));
  const resolved = path.posix.normalize(path.posix.join(from, segments(target).join('/')));
  if (resolved === '..' || resolved.startsWith('../')) return 'symlink pointing outside the archive';
  return null;
}
