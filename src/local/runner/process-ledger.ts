import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environOf, listPids, processStat, signalProcess, type ProcessIdentity } from '../../shared/processes.js';
import type { LocalStore } from '../store.js';

/** Set in every app's environment: `<data directory id>:<run id>:<slot>`. */
export const APP_MARKER_VARIABLE = 'IGNITE_LOCAL_APP';

interface AppProcessRecord extends ProcessIdentity {
  run_id: string;
  slot: string;
}

/**
 * Every app process the local Ignite starts, on disk, so none outlives it unnoticed. Each app runs
 * in its own process group, and its pid and start time are recorded under the data directory; its
 * environment carries a marker naming the data directory and the run. A child that left the group
 * (`setsid`) still carries the marker, and is found through /proc/<pid>/environ. At start-up
 * whatever an earlier run left (the local Ignite was SIGKILLed) is killed: the recorded groups
 * whose leader is still the recorded process, and every process with this data directory's marker.
 */
export class ProcessLedger {
  /** Names the data directory in markers: the same folder gives the same id in every run. */
  readonly ownerId: string;
  private readonly folder: string;

  constructor(store: LocalStore) {
    this.ownerId = createHash('sha256').update(realpathSync(store.dir)).digest('hex').slice(0, 16);
    this.folder = path.dirname(store.filePath('app-processes', 'probe'));
  }

  /** The marker value for one run of an app. */
  marker(runId: string, slot: string): string {
    return `${this.ownerId}:${runId}:${slot}`;
  }

  record(pid: number, runId: string, slot: string): void {
    const stat = processStat(pid);
    const entry: AppProcessRecord = { pid, start_time: stat?.startTime ?? '', run_id: runId, slot };
    writeFileSync(path.join(this.folder, `${pid}.json`), JSON.stringify(entry), { mode: 0o600 });
  }

  /** Kills whatever is left of a run (children that left the app's group) and forgets its record. */
  finish(pid: number, runId: string): void {
    this.killMarked(`${this.ownerId}:${runId}:`);
    rmSync(path.join(this.folder, `${pid}.json`), { force: true });
  }

  /** Kills every process of this data directory's apps that is still running; returns how many were signalled. */
  killAll(): number {
    return this.killMarked(`${this.ownerId}:`);
  }

  /** At start-up: kills what an earlier run of the local Ignite left running, and clears its records. */
  sweepLeftovers(): number {
    let killed = 0;
    for (const name of readdirSync(this.folder)) {
      const file = path.join(this.folder, name);
      const entry = readRecord(file);
      if (entry) killed += killGroupOf(entry);
      rmSync(file, { force: true });
    }
    return killed + this.killAll();
  }

  private killMarked(prefix: string): number {
    const wanted = `${APP_MARKER_VARIABLE}=${prefix}`;
    let killed = 0;
    for (const pid of listPids()) {
      if (pid === process.pid) continue;
      if (environOf(pid)?.some((entry) => entry.startsWith(wanted)) && signalProcess(pid, 'SIGKILL')) killed++;
    }
    return killed;
  }
}

/**
 * The recorded app's process group, if it is still that app's: either the leader is the recorded
 * process (same start time), or the leader is gone and members remain (a pid cannot be reused
 * while a group of that id exists), started no earlier than the leader.
 */
function killGroupOf(entry: AppProcessRecord): number {
  const leader = processStat(entry.pid);
  if (leader && leader.startTime === entry.start_time) return signalProcess(-entry.pid, 'SIGKILL') ? 1 : 0;
  if (leader || entry.start_time === '') return 0;
  let killed = 0;
  for (const pid of listPids()) {
    const stat = processStat(pid);
    if (stat?.pgrp === entry.pid && BigInt(stat.startTime || '0') >= BigInt(entry.start_time) && signalProcess(pid, 'SIGKILL')) killed++;
  }
  return killed;
}

function readRecord(file: string): AppProcessRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppProcessRecord>;
    return typeof parsed.pid === 'number' && typeof parsed.start_time === 'string' ? (parsed as AppProcessRecord) : undefined;
  } catch {
    return undefined;
  }
}
