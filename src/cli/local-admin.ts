/** `ignite-mcp local status` and `ignite-mcp local stop`: what serves a data directory, and stopping it. */
import { existsSync } from 'node:fs';
import { PACKAGE_VERSION } from '../shared/version.js';
import { isRunning, signalProcess } from '../shared/processes.js';
import { liveLeases } from '../daemon/leases.js';
import { lockHolder } from '../daemon/lock.js';
import { daemonPaths } from '../daemon/paths.js';
import { findRunning, readRecord } from '../daemon/record.js';
import { describeReach, shellWord } from './local-reach.js';

/** LSB's "program is not running". */
export const NOT_RUNNING_EXIT_CODE = 3;

/** Prints the state of the directory's local Ignite; returns the exit code (0 running, 3 not). */
export function localStatus(dataDir: string, write: (text: string) => void): number {
  const paths = daemonPaths(dataDir);
  const running = findRunning(paths);
  if (!running) {
    const holder = existsSync(paths.lock) ? lockHolder(paths.lock) : undefined;
    write(
      holder
        ? `a local Ignite (pid ${holder.pid}) holds ${dataDir} but is not answering yet (starting up or stopping)\n`
        : `no local Ignite is running for ${dataDir}\n`,
    );
    return holder ? 0 : NOT_RUNNING_EXIT_CODE;
  }
  const { record } = running;
  const clients = liveLeases(paths);
  const idle =
    record.mode === 'daemon'
      ? record.idle_timeout_secs > 0
        ? `exits after ${record.idle_timeout_secs} s with no calls, builds or MCP servers`
        : 'never exits by itself'
      : 'runs until stopped (started with `ignite-mcp local`)';
  const lines = [
    `local Ignite for ${dataDir}: running`,
    `  pid ${record.pid}, ignite-mcp ${record.version}${record.version === PACKAGE_VERSION ? '' : ` (this ignite-mcp is ${PACKAGE_VERSION})`}, since ${record.started_at}`,
    `  ${record.mode === 'daemon' ? 'background (started by an MCP server)' : 'foreground'}: ${idle}`,
    `  MCP servers using it: ${clients.length}${clients.length > 0 ? ` (pid ${clients.map((lease) => lease.pid).join(', ')})` : ''}`,
    ...describeReach(record, paths, false),
    ...(record.mode === 'daemon' ? [`  log: ${paths.log}`] : []),
    `  stop it: ignite-mcp local stop --data-dir ${shellWord(dataDir)}`,
  ];
  write(`${lines.join('\n')}\n`);
  return 0;
}

const STOP_GRACE_MS = 20_000;

/**
 * Stops the directory's local Ignite: SIGTERM, so it stops its builds (they end as interrupted)
 * and apps and removes its files; SIGKILL if it has not exited after 20 s (its apps die with it,
 * and what they left is stopped by the next one to start). Returns the exit code.
 */
export async function localStop(dataDir: string, write: (text: string) => void): Promise<number> {
  const paths = daemonPaths(dataDir);
  const holder = existsSync(paths.lock) ? lockHolder(paths.lock) : undefined;
  if (!holder) {
    write(`no local Ignite is running for ${dataDir}\n`);
    return 0;
  }
  const record = readRecord(paths);
  const clients = liveLeases(paths).length;
  const note = clients > 0 ? `; ${clients} MCP server(s) still use this data directory and start a new one on their next call` : '';
  const what =
    record?.pid === holder.pid
      ? `the local Ignite (pid ${holder.pid}, ignite-mcp ${record.version})`
      : `the local Ignite (pid ${holder.pid})`;
  signalProcess(holder.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline && isRunning(holder)) await new Promise((resolve) => setTimeout(resolve, 25));
  if (isRunning(holder)) {
    signalProcess(holder.pid, 'SIGKILL');
    write(`${what} did not stop within ${STOP_GRACE_MS / 1000} s; killed it${note}\n`);
    return 0;
  }
  write(`stopped ${what} for ${dataDir}${note}\n`);
  return 0;
}
