/**
 * The background local Ignite's way out: it exits by itself once nothing has used it for the idle
 * timeout (no call in flight, no build pending or running, no MCP server holding a lease), and
 * at once when an MCP server of another version asks it to stop if idle (SIGUSR2). On the way out
 * it first removes its record, then looks at the leases one last time: an MCP server that
 * joined meanwhile has its lease seen here, or sees the record gone (cli/daemon-starter.ts).
 * It also stops when its lock is no longer its own (the data directory was removed).
 */
import type { Logger } from '../shared/log.js';
import { IdleClock } from '../daemon/idle.js';
import { liveLeases } from '../daemon/leases.js';
import type { HeldLock } from '../daemon/lock.js';
import type { DaemonPaths } from '../daemon/paths.js';
import { removeRecord, writeRecord, type DaemonRecord } from '../daemon/record.js';
import type { LocalIgnite } from '../local/server.js';
import { STOP_IF_IDLE_SIGNAL } from './other-version.js';

export interface IdleWatchOptions {
  local: LocalIgnite;
  lock: HeldLock;
  paths: DaemonPaths;
  record: DaemonRecord;
  /** 0: never exit for idleness (SIGUSR2 still works). */
  idleSecs: number;
  logger: Logger;
  stop(reason: string): Promise<void>;
}

export interface IdleWatch {
  /** Resolves once it has stopped the local Ignite. */
  readonly ended: Promise<void>;
  stop(): void;
}

export function watchIdle(options: IdleWatchOptions): IdleWatch {
  const { local, lock, paths, record, logger } = options;
  const timeoutMs = options.idleSecs * 1000;
  const clock = new IdleClock(timeoutMs);
  let finish: () => void = () => {};
  const ended = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;

  const usage = () => {
    const { calls, builds } = local.activity();
    const clients = liveLeases(paths).length;
    return { calls, builds, clients, busy: calls > 0 || builds > 0 || clients > 0 };
  };
  const exit = (reason: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    process.off(STOP_IF_IDLE_SIGNAL, onStopIfIdle);
    void options.stop(reason).finally(finish);
  };
  /** Leaves if nothing is in use, with the record removed first so no MCP server joins unseen. */
  const leaveIfIdle = (reason: string): boolean => {
    removeRecord(paths, record);
    const now = usage();
    if (!now.busy) {
      exit(reason);
      return true;
    }
    writeRecord(paths, record);
    clock.observe(true);
    return false;
  };
  const tick = () => {
    if (stopping) return;
    if (!lock.stillHeld()) {
      logger.error(`the lock ${paths.lock} is no longer this process's (the data directory was removed or the lock replaced)`);
      exit('lost the data directory lock');
      return;
    }
    if (clock.observe(usage().busy)) leaveIfIdle(`idle for ${options.idleSecs} s (no calls, builds or clients)`);
  };
  const onStopIfIdle = () => {
    if (stopping) return;
    const now = usage();
    if (!leaveIfIdle('asked to stop if idle (an MCP server of another version wants this data directory)')) {
      logger.info(`asked to stop if idle, but in use (${now.calls} call(s), ${now.builds} build(s), ${now.clients} client(s)); staying`);
    }
  };
  // Often enough that a short test timeout is honoured, rarely enough to cost nothing.
  const timer = setInterval(tick, Math.max(100, Math.min(1000, timeoutMs / 4 || 1000)));
  process.on(STOP_IF_IDLE_SIGNAL, onStopIfIdle);
  return {
    ended,
    stop() {
      stopping = true;
      clearInterval(timer);
      process.off(STOP_IF_IDLE_SIGNAL, onStopIfIdle);
    },
  };
}
