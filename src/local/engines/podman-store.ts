import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** podman refuses a runroot longer than this ("the specified runroot is longer than 50 characters"). */
export const MAX_RUNROOT_CHARS = 50;

export type StorageDriver = 'overlay' | 'vfs';

/** Where one podman store lives: the images and containers of one data directory. */
export interface PodmanStore {
  /** --root: images, layers, containers; may be long. */
  root: string;
  /** --runroot: runtime state; short (≤ 50 characters), on a tmpfs where possible. */
  runroot: string;
  /** --tmpdir: podman's alive file, exit codes and events; fixed by the first command on the store, so always passed. */
  tmpdir: string;
}

/**
 * The store for `storeDir`. The runroot and tmpdir go under /run (a tmpfs, so podman sees a reboot)
 * or the temp dir, in a folder named by a hash of the store path: short, and distinct per store.
 */
export function podmanStore(storeDir: string): PodmanStore {
  const hash = createHash('sha256').update(path.resolve(storeDir)).digest('hex').slice(0, 12);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const candidates = [...(uid === 0 ? ['/run/ignite-mcp'] : []), path.join(os.tmpdir(), `ignite-mcp-${uid}`), `/tmp/ignite-mcp-${uid}`];
  const base = candidates.map((dir) => path.join(dir, hash)).find((dir) => `${dir}/run`.length <= MAX_RUNROOT_CHARS);
  if (!base) throw new Error(`no runroot of at most ${MAX_RUNROOT_CHARS} characters is possible for ${storeDir}`);
  return { root: path.join(storeDir, 'storage'), runroot: `${base}/run`, tmpdir: `${base}/tmp` };
}

/**
 * overlay is 4-7x faster than vfs where the kernel offers it; a store keeps the driver it was made
 * with (podman refuses a different one with "database configuration mismatch"), so an existing
 * vfs store stays vfs.
 */
export function preferredDriver(store: PodmanStore): StorageDriver {
  return existsSync(path.join(store.root, 'vfs')) && !existsSync(path.join(store.root, 'overlay')) ? 'vfs' : 'overlay';
}

/** podman's global flags for a store: explicit, so a stray /etc/containers setting cannot change them. */
export function podmanGlobalArgs(store: PodmanStore, driver: StorageDriver, runtime: string | undefined): string[] {
  return [
    '--root',
    store.root,
    '--runroot',
    store.runroot,
    '--tmpdir',
    store.tmpdir,
    '--storage-driver',
    driver,
    // crun, podman's default where installed, fails on cgroup v1 hybrid hosts; runc works.
    ...(runtime ? ['--runtime', runtime] : []),
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'file',
  ];
}
