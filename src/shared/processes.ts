/**
 * Which process a pid names, read from /proc. A pid alone is not an identity: pids are reused, so
 * every record of "our" process (the data directory's lock, a client's lease, an app's pid) keeps
 * its start time too (field 22 of /proc/<pid>/stat, clock ticks since boot), and a pid counts as
 * the same process only while both match. Without /proc (not Linux) only the pid is checked.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessStat {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgrp: number;
  /** Session id. */
  session: number;
  /** Clock ticks after boot at which the process started; with the pid, its identity. */
  startTime: string;
  /** R, S, D, Z (zombie), ... */
  state: string;
}

/** A process as its records name it: pid and start time ('' where /proc is missing). */
export interface ProcessIdentity {
  pid: number;
  start_time: string;
}

/** /proc/<pid>/stat, or undefined when the process is gone (or /proc is missing). */
export function processStat(pid: number): ProcessStat | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 of the file (state), so field n is fields[n - 3].
  return {
    pid,
    state: fields[0] ?? '',
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    session: Number(fields[3]),
    startTime: fields[19] ?? '',
  };
}

export function hasProcFs(): boolean {
  return processStat(process.pid) !== undefined;
}

/** This process, as records name it. */
export function selfIdentity(): ProcessIdentity {
  return { pid: process.pid, start_time: processStat(process.pid)?.startTime ?? '' };
}

/**
 * True while the process that `identity` recorded still runs: the pid exists (EPERM means it does,
 * under another user), is not a zombie, and has the recorded start time.
 */
export function isRunning(identity: ProcessIdentity): boolean {
  if (!Number.isSafeInteger(identity.pid) || identity.pid <= 0) return false;
  try {
    process.kill(identity.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = processStat(identity.pid);
  if (!stat) return !hasProcFs();
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return identity.start_time === '' || stat.startTime === identity.start_time;
}

/** Every pid under /proc; empty without /proc. */
export function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** The process's environment as it started (NAME=value entries), or undefined when unreadable (another user's, gone). */
export function environOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Sends a signal; false when there was no such process (ESRCH) or it is not ours (EPERM). */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
