import { accessSync, constants, mkdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImageRecord } from '../images.js';
import { failedPrecondition } from '../rpc/errors.js';

/** How to start an image's ENTRYPOINT+CMD as a host process over the image's files. */
export interface HostCommand {
  /** Absolute host path of the executable. */
  file: string;
  args: string[];
  /** rootfs + WORKDIR. */
  cwd: string;
  /** PATH for the process: the image's PATH entries that exist in its files, then the host's. */
  searchPath: string;
  /** The image's own argv, for messages. */
  argv: string[];
}

/** Where programs are on a standard Linux host, for callers that were given no PATH. */
export const STANDARD_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Maps an image's command onto this host. There is no container engine: the image's files are a
 * plain directory and the base image's layers are absent, so a bare executable (`node`, `python3`)
 * comes from the host's PATH, absolute image paths that exist in the files are rewritten to them,
 * and an absolute path found nowhere falls back to its base name on the host (the base image's
 * runtime, e.g. /usr/local/bin/node of node:20-alpine, is the host's node).
 */
export function hostCommandFor(image: ImageRecord, imageRef: string, hostPath = STANDARD_PATH): HostCommand {
  const argv = [...image.config.entrypoint, ...image.config.cmd];
  if (argv.length === 0) {
    throw failedPrecondition(
      `image ${imageRef} has no ENTRYPOINT or CMD, so there is nothing to run; add e.g. CMD ["node", "server.js"] to the Dockerfile and rebuild`,
    );
  }
  const rootfs = rootfsOf(image, imageRef);
  const cwd = inRootfs(rootfs, image.config.workdir || '/');
  // Docker creates WORKDIR at build time; an image assembled without it still gets one here.
  mkdirSync(cwd, { recursive: true });
  const imageDirs = (image.config.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir.startsWith('/'))
    .map((dir) => inRootfs(rootfs, dir))
    .filter(isDirectory);
  const hostDirs = hostPath.split(path.delimiter).filter(Boolean);
  const searchPath = [...imageDirs, ...hostDirs].join(path.delimiter);

  const [program, ...rest] = argv as [string, ...string[]];
  const file = locate(program, rootfs, cwd, imageDirs, hostDirs);
  if (!file) {
    const base = image.config.base_image ? ` (${image.config.base_image})` : '';
    throw failedPrecondition(
      `cannot run image ${imageRef} on this host: its command ${JSON.stringify(argv)} needs "${program}", which is neither in the image's files nor on this host's PATH. ` +
        `The local Ignite runs ENTRYPOINT/CMD as a host process over the image's files without the base image${base}, so the runtime the base image provides must be installed on this host`,
    );
  }
  if (!isExecutable(file)) {
    throw failedPrecondition(
      `cannot run image ${imageRef}: "${program}" (${file}) is not executable; give it the execute bit (chmod +x) before building`,
    );
  }
  const args = rest.map((arg) => (arg.startsWith('/') && exists(inRootfs(rootfs, arg)) ? inRootfs(rootfs, arg) : arg));
  return { file, args, cwd, searchPath, argv };
}

/**
 * The image's numeric-USER rule, as the real platform enforces it: its pods run non-root under a
 * hardened security context and reject a named user with CreateContainerConfigError (documented).
 */
export function checkImageUser(image: ImageRecord, imageRef: string): void {
  const user = image.config.user.trim();
  if (user && !/^\d+(:\d+)?$/.test(user)) {
    throw failedPrecondition(
      `image ${imageRef} runs as named user "${user}"; Ignite needs a numeric USER (e.g. USER 1000) because it cannot verify a named user is non-root ` +
        `(the platform fails such pods with CreateContainerConfigError); change the Dockerfile and rebuild`,
    );
  }
}

function rootfsOf(image: ImageRecord, imageRef: string): string {
  if (!isDirectory(image.rootfs_dir)) {
    throw failedPrecondition(
      `the files of image ${imageRef} are missing from the local Ignite's data (${image.rootfs_dir}); rebuild the image with BuildService`,
    );
  }
  return realpathSync(image.rootfs_dir);
}

/** An image path inside the rootfs; never outside it, whatever `..` the path holds. */
function inRootfs(rootfs: string, imagePath: string): string {
  return path.join(rootfs, path.posix.normalize(`/${imagePath}`));
}

function locate(program: string, rootfs: string, cwd: string, imageDirs: string[], hostDirs: string[]): string | undefined {
  if (program.startsWith('/')) {
    const inImage = inRootfs(rootfs, program);
    if (isFile(inImage) && staysInside(rootfs, inImage)) return inImage;
    if (isFile(program)) return program;
    return searchDirs(path.posix.basename(program), hostDirs);
  }
  if (program.includes('/')) {
    const candidate = path.resolve(cwd, program);
    return isFile(candidate) && staysInside(rootfs, candidate) ? candidate : undefined;
  }
  return searchDirs(program, imageDirs) ?? searchDirs(program, hostDirs);
}

function searchDirs(name: string, dirs: string[]): string | undefined {
  return dirs.map((dir) => path.join(dir, name)).find((candidate) => isFile(candidate) && isExecutable(candidate));
}

/** Symlinks in the image's files must not lead the command out of them. */
function staysInside(rootfs: string, file: string): boolean {
  const real = realpathSync(file);
  return real === rootfs || real.startsWith(rootfs + path.sep);
}

function exists(file: string): boolean {
  return statOf(file) !== undefined;
}

function isFile(file: string): boolean {
  return statOf(file)?.isFile() ?? false;
}

function isDirectory(dir: string): boolean {
  return statOf(dir)?.isDirectory() ?? false;
}

function statOf(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
