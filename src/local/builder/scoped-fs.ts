import type { Stats } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { BuildFailure, checkAborted } from './build-output.js';

const MAX_SYMLINK_HOPS = 255;

/**
 * Paths inside a directory that stands for a filesystem root (an image rootfs, a build context),
 * resolved the way a process chrooted into it would see them: symlinks are followed, but an
 * absolute target or a `..` at the top stays at the root. Nothing written through these helpers
 * can land outside `root`, whatever links the files being copied contain (moby's
 * FollowSymlinkInScope does the same for `docker cp` and COPY).
 */
export async function resolveInScope(root: string, imagePath: string, { followFinal = true } = {}): Promise<string> {
  return path.join(root, ...(await walk(root, imagePath, followFinal, false)));
}

/** Like `mkdir -p` inside the scope; each created directory gets mode 0755 regardless of the umask. */
export async function ensureDirInScope(root: string, imagePath: string): Promise<string> {
  return path.join(root, ...(await walk(root, imagePath, true, true)));
}

async function walk(root: string, imagePath: string, followFinal: boolean, create: boolean): Promise<string[]> {
  const resolved: string[] = [];
  const queue = imagePath.split('/');
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const host = path.join(root, ...resolved, part);
    const last = !queue.some((rest) => rest !== '' && rest !== '.');
    const stats = await lstat(host).catch(() => undefined);
    if (stats?.isSymbolicLink() && (followFinal || !last)) {
      if (++hops > MAX_SYMLINK_HOPS) throw new BuildFailure(`too many levels of symbolic links in ${imagePath}`);
      const target = await readlink(host);
      if (target.startsWith('/')) resolved.length = 0;
      queue.unshift(...target.split('/'));
      continue;
    }
    if (create && !stats) {
      await mkdir(host).catch((err: NodeJS.ErrnoException) => {
        throw new BuildFailure(
          `cannot create directory ${imagePath}: ${err.code === 'ENOTDIR' ? 'a parent is not a directory' : err.message}`,
        );
      });
      await chmod(host, 0o755);
    } else if (create && !stats!.isDirectory()) {
      throw new BuildFailure(`cannot create directory ${imagePath}: /${[...resolved, part].join('/')} is not a directory`);
    }
    resolved.push(part);
  }
  return resolved;
}

export async function statInScope(root: string, imagePath: string): Promise<Stats | undefined> {
  return lstat(await resolveInScope(root, imagePath)).catch(() => undefined);
}

export interface CopyOptions {
  /** Mode for every copied file and directory (COPY --chmod); otherwise the source's permission bits. */
  chmod?: number;
  signal: AbortSignal;
}

/** Copies one file to `imagePath`, replacing a file or symlink there but never writing through one. */
export async function copyFileInScope(
  source: string,
  sourceStats: Stats,
  root: string,
  imagePath: string,
  options: CopyOptions,
): Promise<void> {
  const parent = await ensureDirInScope(root, path.posix.dirname(imagePath));
  const target = path.join(parent, path.posix.basename(imagePath));
  await clearForWrite(target, imagePath);
  if (sourceStats.isSymbolicLink()) {
    await symlink(await readlink(source), target);
    return;
  }
  await copyFile(source, target);
  await chmod(target, options.chmod ?? sourceStats.mode & 0o777);
}

/** Copies the contents of `sourceDir` into `imagePath` (created if missing), merging as Docker does. */
export async function copyTreeInScope(sourceDir: string, root: string, imagePath: string, options: CopyOptions): Promise<number> {
  await ensureDirInScope(root, imagePath);
  let files = 0;
  const entries = await readdir(sourceDir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    checkAborted(options.signal);
    const source = path.join(sourceDir, entry.name);
    const child = path.posix.join(imagePath, entry.name);
    const stats = await lstat(source);
    if (stats.isDirectory()) {
      files += await copyTreeInScope(source, root, child, options);
      // Owner rwx stays on: a later COPY into a read-only directory must still work, as it does for root in Docker.
      await chmod(await resolveInScope(root, child), (options.chmod ?? stats.mode & 0o777) | 0o700);
    } else if (stats.isFile() || stats.isSymbolicLink()) {
      await copyFileInScope(source, stats, root, child, options);
      files++;
    }
  }
  return files;
}

async function clearForWrite(target: string, imagePath: string): Promise<void> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new BuildFailure(`cannot copy to ${imagePath}: a directory of that name already exists`);
  if (existing) await rm(target, { force: true });
}
