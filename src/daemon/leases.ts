/**
 * Which MCP servers use the local Ignite. gRPC gives a server no count of its connected clients,
 * so each MCP server that uses it holds a lease: a file `clients/<pid>-<start time>.json`, written
 * before it looks for the local Ignite and removed when it exits. A lease whose process is gone
 * (crashed, SIGKILLed, pid reused) does not count and is cleaned up by whoever reads it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isRunning, selfIdentity, type ProcessIdentity } from '../shared/processes.js';
import type { DaemonPaths } from './paths.js';
import { writeAtomically } from './record.js';

export interface Lease extends ProcessIdentity {
  version: string;
  since: string;
}

export interface HeldLease {
  readonly file: string;
  remove(): void;
}

export function takeLease(paths: DaemonPaths, version: string, identity: ProcessIdentity = selfIdentity()): HeldLease {
  mkdirSync(paths.clients, { recursive: true, mode: 0o700 });
  const file = path.join(paths.clients, `${identity.pid}-${identity.start_time || '0'}.json`);
  const lease: Lease = { ...identity, version, since: new Date().toISOString() };
  writeAtomically(file, `${JSON.stringify(lease)}\n`);
  return { file, remove: () => rmSync(file, { force: true }) };
}

/** The leases of running processes; the files of dead ones are removed on the way. */
export function liveLeases(paths: DaemonPaths): Lease[] {
  let names: string[];
  try {
    names = readdirSync(paths.clients);
  } catch {
    return [];
  }
  const live: Lease[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(paths.clients, name);
    const lease = readLease(file);
    // A lease still being written has no file under its final name yet (atomic rename), so an unreadable one is junk.
    if (lease && isRunning(lease)) live.push(lease);
    else rmSync(file, { force: true });
  }
  return live;
}

function readLease(file: string): Lease | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Lease>;
    return typeof parsed.pid === 'number' && typeof parsed.start_time === 'string' ? (parsed as Lease) : undefined;
  } catch {
    return undefined;
  }
}
