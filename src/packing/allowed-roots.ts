/**
 * Where the packer may read. Agents hand us paths in every dialect (relative, `~`, `C:\…`, `/mnt/c/…`,
 * `\\wsl$\…`), so we normalise first, then resolve symlinks, and only then compare with the allowed roots:
 * comparing before realpath would let a symlink inside a root lead anywhere on disk. Paths named inside
 * the context (the Dockerfile, secret files to send anyway) get the same care in toContextRelative: they
 * are matched against ignore rules and archive names, which are POSIX and relative.
 */
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PathDialectOptions {
  /** Directory that relative paths are resolved against; the server's working directory by default. */
  base?: string;
  home?: string;
  platform?: NodeJS.Platform;
  /** Where Windows drives appear on a POSIX host (WSL's automount root): `C:\x` → `/mnt/c/x`. */
  driveMountRoot?: string;
}

export class PathNotAllowedError extends Error {
  constructor(
    readonly requestedPath: string,
    readonly allowedRoots: readonly string[],
    reason: string,
  ) {
    const list = allowedRoots.length > 0 ? allowedRoots.join(', ') : '(none configured)';
    super(`${reason}: ${requestedPath}. Allowed folders: ${list}`);
    this.name = 'PathNotAllowedError';
  }
}

const DRIVE_PATH = /^([A-Za-z]):(?:[\\/](.*))?$/;
const WSL_UNC = /^[\\/]{2}wsl(?:\$|\.localhost)[\\/][^\\/]+(?:[\\/](.*))?$/i;
const POSIX_DRIVE = /^\/(?:mnt\/)?([A-Za-z])(?:\/(.*))?$/;

function unquote(input: string): string {
  const trimmed = input.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? '') : trimmed;
}

function toPosix(input: string, home: string, mountRoot: string): string {
  const unc = WSL_UNC.exec(input);
  if (unc) return `/${(unc[1] ?? '').replace(/\\/g, '/')}`;
  const drive = DRIVE_PATH.exec(input);
  if (drive) {
    const rest = (drive[2] ?? '').replace(/\\/g, '/');
    return path.posix.join(mountRoot, (drive[1] ?? '').toLowerCase(), rest);
  }
  const slashed = input.replace(/\\/g, '/');
  if (slashed === '~') return home;
  if (slashed.startsWith('~/')) return path.posix.join(home, slashed.slice(2));
  return slashed;
}

function toWindows(input: string, home: string): string {
  const slashed = input.replace(/\\/g, '/');
  if (slashed === '~') return home;
  if (slashed.startsWith('~/')) return path.win32.join(home, slashed.slice(2));
  // `/c/x` (Git Bash, MSYS) and `/mnt/c/x` (WSL) both name drive C: when we run on Windows.
  const drive = POSIX_DRIVE.exec(slashed);
  if (drive) return path.win32.join(`${(drive[1] ?? '').toUpperCase()}:\\`, drive[2] ?? '');
  return input;
}

/** Pure normalisation to an absolute path in the host's dialect; no file system access. */
export function normalizeUserPath(input: string, options: PathDialectOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  let raw = unquote(input);
  if (raw === '') throw new Error('Empty path');
  if (raw.startsWith('file://')) raw = fileURLToPath(raw);
  if (platform === 'win32') {
    const base = options.base ?? process.cwd();
    return path.win32.resolve(base, toWindows(raw, home));
  }
  const mountRoot = options.driveMountRoot ?? '/mnt';
  const base = toPosix(options.base ?? process.cwd(), home, mountRoot);
  return path.posix.resolve(base, toPosix(raw, home, mountRoot));
}

function isInside(root: string, candidate: string, platform: NodeJS.Platform): boolean {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const rel = p.relative(root, candidate);
  return rel === '' || (!p.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${p.sep}`));
}

async function realpathOrNull(target: string): Promise<string | null> {
  try {
    return await realpath(target);
  } catch {
    return null;
  }
}

/**
 * Normalises `input`, resolves its symlinks and returns the real absolute path, which callers echo back.
 * Throws PathNotAllowedError (naming the allowed folders) when it is missing or outside every root.
 */
export async function resolveAllowedPath(
  input: string,
  allowedRoots: readonly string[],
  options: PathDialectOptions = {},
): Promise<string> {
  const platform = options.platform ?? process.platform;
  const rootsShown = allowedRoots.map((root) => normalizeUserPath(root, options));
  const realRoots = (await Promise.all(rootsShown.map(realpathOrNull))).filter((r): r is string => r !== null);
  const normalised = normalizeUserPath(input, options);
  // Refuse on the lexical path first, so the error cannot be used to probe what exists outside the roots.
  const lexicallyInside = [...rootsShown, ...realRoots].some((root) => isInside(root, normalised, platform));
  if (!lexicallyInside) throw new PathNotAllowedError(normalised, rootsShown, 'Path is outside the allowed folders');
  const real = await realpathOrNull(normalised);
  const inRoots = (candidate: string) => realRoots.some((root) => isInside(root, candidate, platform));
  if (real !== null && inRoots(real)) return real;
  // Past the lexical check a link inside a root may lead anywhere: neither where it leads nor whether
  // something exists there is said, only that it is outside. "Does not exist" is said only when the part
  // of the path that does exist lies inside a root.
  if (real === null) {
    const existing = await existingAncestor(normalised, platform);
    if (existing !== null && inRoots(existing)) throw new PathNotAllowedError(normalised, rootsShown, 'Path does not exist');
  }
  throw new PathNotAllowedError(normalised, rootsShown, 'Path is outside the allowed folders');
}

/** The real path of the nearest ancestor of `target` that exists. */
async function existingAncestor(target: string, platform: NodeJS.Platform): Promise<string | null> {
  const p = platform === 'win32' ? path.win32 : path.posix;
  for (let dir = p.dirname(target); ; dir = p.dirname(dir)) {
    const real = await realpathOrNull(dir);
    if (real !== null) return real;
    if (p.dirname(dir) === dir) return null;
  }
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
