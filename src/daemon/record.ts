/**
 * The record of the local Ignite serving a data directory: who it is, which version, and where
 * to reach it. It is written (atomically, 0600) only once the server listens, so a record whose
 * process runs and holds the lock means "answering now"; it is removed before the process stops
 * serving. The token sits beside it in its own 0600 file, bare, so a person can pass
 * `$(cat <dir>/local-ignite.token)` to grpcurl.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isRunning, type ProcessIdentity } from '../shared/processes.js';
import { lockHolder } from './lock.js';
import type { DaemonPaths } from './paths.js';

export interface DaemonRecord extends ProcessIdentity {
  version: string;
  /** `daemon`: started in the background by an MCP server, exits when idle. `foreground`: `ignite-mcp local` in a terminal. */
  mode: 'daemon' | 'foreground';
  /** The gRPC target: `unix:/…/local-ignite.sock` or `127.0.0.1:50051`. */
  endpoint: string;
  /** What it really bound (the socket path, or host:port as asked, e.g. 0.0.0.0:50051). */
  bound: string;
  /** Whether calls need `authorization: Bearer <the token file's content>`. */
  token_required: boolean;
  started_at: string;
  data_dir: string;
  /** Seconds without calls, builds or clients before a daemon exits; 0 for never. */
  idle_timeout_secs: number;
  /** What it builds and runs with (podman, docker or process); absent in records of older versions. */
  engine?: string;
}

export function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content, { mode: 0o600 });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

export function writeRecord(paths: DaemonPaths, record: DaemonRecord): void {
  writeAtomically(paths.record, `${JSON.stringify(record, null, 2)}\n`);
}

export function readRecord(paths: DaemonPaths): DaemonRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(paths.record, 'utf8')) as Partial<DaemonRecord>;
    if (typeof parsed.pid !== 'number' || typeof parsed.endpoint !== 'string' || typeof parsed.version !== 'string') return undefined;
    return parsed as DaemonRecord;
  } catch {
    return undefined;
  }
}

/** Removes the record if it is the one `owner` wrote. */
export function removeRecord(paths: DaemonPaths, owner: ProcessIdentity): void {
  const record = readRecord(paths);
  if (record && record.pid === owner.pid && record.start_time === owner.start_time) rmSync(paths.record, { force: true });
}

export function writeToken(paths: DaemonPaths, token: string): void {
  writeAtomically(paths.token, `${token}\n`);
}

export function readToken(paths: DaemonPaths): string | undefined {
  try {
    return readFileSync(paths.token, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface RunningIgnite {
  record: DaemonRecord;
  token: string | undefined;
}

/**
 * The local Ignite serving the directory now: its record names a running process that also holds
 * the lock. The token is read between two reads of the record, so a restart in between is seen.
 */
export function findRunning(paths: DaemonPaths): RunningIgnite | undefined {
  const record = readRecord(paths);
  if (!record || !isRunning(record)) return undefined;
  const holder = lockHolder(paths.lock);
  if (!holder || holder.pid !== record.pid || holder.start_time !== record.start_time) return undefined;
  const token = record.token_required ? readToken(paths) : undefined;
  const again = readRecord(paths);
  if (!again || again.pid !== record.pid || again.started_at !== record.started_at) return undefined;
  if (record.token_required && !token) return undefined;
  return { record, token };
}
