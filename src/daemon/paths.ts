/**
 * Where the one local Ignite of a data directory leaves what other processes need to find, reach
 * and stop it. Every file here is 0600 in a 0700 directory: only its owner may read any of it.
 */
import path from 'node:path';

export interface DaemonPaths {
  dir: string;
  /** The writer's lock, held for the life of the process that serves the directory (lock.ts). */
  lock: string;
  /** Where the running one is (record.ts); written once it listens, removed when it stops serving. */
  record: string;
  /** The bearer token every call must present (bare, for `$(cat …)`). */
  token: string;
  /** The Unix domain socket it listens on by default. */
  socket: string;
  /** stdout and stderr of a background local Ignite. */
  log: string;
  /** One lease per MCP server that uses it (leases.ts). */
  clients: string;
}

export function daemonPaths(dataDir: string): DaemonPaths {
  const at = (name: string) => path.join(dataDir, name);
  return {
    dir: dataDir,
    lock: at('local-ignite.lock'),
    record: at('local-ignite.json'),
    token: at('local-ignite.token'),
    socket: at('local-ignite.sock'),
    log: at('local-ignite.log'),
    clients: at('clients'),
  };
}

/** sun_path holds 108 bytes on Linux (104 on macOS) with the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

/** Whether a Unix socket can be bound at this path; a longer one fails with a misleading error. */
export function socketPathFits(socketPath: string): boolean {
  return Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES;
}
