/**
 * Paths a caller names inside the context folder (the Dockerfile, secret files to send anyway). They
 * arrive in whatever dialect the agent wrote (`sub\Dockerfile`, `./a/b`, an absolute path under the
 * root) and are matched against ignore rules and archive names, which are POSIX and relative; so they
 * are brought to that form once, here, and refused when they leave the folder.
 */
import path from 'node:path';

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
 * Turns a caller-given path inside the context into the POSIX relative form used for matching and
 * archive names. Throws PathOutsideContextError when it leaves the root or names the root itself.
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
