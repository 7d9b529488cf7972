/**
 * How an MCP server with no endpoint gets its local Ignite: it connects to the one serving its
 * data directory, or starts one in the background and waits (bounded) until it answers. The
 * local Ignite then belongs to no MCP server: several use it at once, it outlives each of them,
 * and it exits by itself once idle (cli/local-daemon.ts).
 *
 * A lease (daemon/leases.ts) tells the local Ignite this server uses it. Joining a running one is
 * "read its record, take the lease, read the record again": the local Ignite removes its record
 * before it checks leases one last time on its way out, so either it sees the lease and stays,
 * or this side sees the record gone and waits for it to exit and starts another.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fchmodSync, fstatSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import type { LogLevel, Logger } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { isRunning } from '../shared/processes.js';
import { prepareDataDir } from '../daemon/data-dir.js';
import { takeLease, type HeldLease } from '../daemon/leases.js';
import { lockHolder } from '../daemon/lock.js';
import { daemonPaths, type DaemonPaths } from '../daemon/paths.js';
import { findRunning, type DaemonRecord, type RunningIgnite } from '../daemon/record.js';
import type { EmbeddedIgnite } from '../mcp/runtime.js';
import { replaceOtherVersion } from './other-version.js';

export interface DaemonStartOptions {
  dataDir: string;
  logger: Logger;
  /** How long a local Ignite started here stays after its last client (--idle-timeout). */
  idleSecs: number;
  logLevel: LogLevel;
  /** What a local Ignite started here builds and runs with (--engine); one already running keeps its own. */
  engine: string;
  /** How to run ignite-mcp again: node (process.execPath) and this script (process.argv[1]). */
  command: { execPath: string; script: string };
  /** The allow-listed environment (child-env.ts): never this server's token or anything else of its environment. */
  env: Record<string, string>;
  /** How long to wait for a local Ignite to answer (default 15 s). */
  timeoutMs?: number;
}

/** The local Ignite started here or found running is ours to use when its record names this version. */
export interface DaemonIgnite extends EmbeddedIgnite {
  readonly record: DaemonRecord;
}

const LOG_ROTATE_BYTES = 4 * 1024 * 1024;

export async function connectLocalIgnite(options: DaemonStartOptions): Promise<DaemonIgnite> {
  await prepareDataDir(options.dataDir, { setting: 'the data directory' });
  const paths = daemonPaths(options.dataDir);
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lease: HeldLease | undefined;
  let launched: { pid: number | undefined; logFrom: number } | undefined;
  try {
    for (;;) {
      const running = findRunning(paths);
      if (running && running.record.version !== PACKAGE_VERSION) {
        await replaceOtherVersion(paths, running.record, deadline, options.logger);
        continue;
      }
      if (running) {
        lease ??= takeLease(paths, PACKAGE_VERSION);
        const again = findRunning(paths);
        if (again?.record.pid === running.record.pid && again.record.started_at === running.record.started_at) {
          return useRunning(again, lease);
        }
        continue;
      }
      // Nobody serves the directory and nobody is starting to: start one (once).
      if (!lockHolder(paths.lock)) {
        if (!launched) {
          lease ??= takeLease(paths, PACKAGE_VERSION);
          launched = await launch(paths, options);
          options.logger.info(`started a local Ignite for ${paths.dir} in the background (pid ${launched.pid ?? '?'}, log ${paths.log})`);
        } else if (launched.pid !== undefined && !isRunning({ pid: launched.pid, start_time: '' })) {
          throw new UserError(
            `the local Ignite for ${paths.dir} stopped while starting. ${logTail(paths, launched.logFrom)}`,
            `Fix what its log says (${paths.log}), then retry.`,
          );
        }
      }
      if (Date.now() > deadline) {
        throw new UserError(
          `no local Ignite answered for ${paths.dir} within ${Math.round((options.timeoutMs ?? 15_000) / 1000)} s. ${launched ? logTail(paths, launched.logFrom) : ''}`.trim(),
          `See ${paths.log}; \`ignite-mcp local status --data-dir ${paths.dir}\` shows what serves the directory.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch (err) {
    lease?.remove();
    throw err;
  }
}

function useRunning({ record, token }: RunningIgnite, lease: HeldLease): DaemonIgnite {
  return {
    record,
    endpoint: record.endpoint,
    token,
    engine: record.engine,
    alive: () => isRunning(record),
    close: async () => lease.remove(),
  };
}

/**
 * Starts `ignite-mcp local --daemon` through `sh -c '… &'`: the shell exits at once, so the local
 * Ignite is no child of this server (a client that kills this server's process tree does not
 * reach it) and runs in a session of its own, with the allow-listed environment and its output
 * in the log file.
 */
async function launch(paths: DaemonPaths, options: DaemonStartOptions): Promise<{ pid: number | undefined; logFrom: number }> {
  rotateLog(paths.log);
  const log = openSync(paths.log, 'a', 0o600);
  try {
    fchmodSync(log, 0o600);
    const logFrom = fstatSync(log).size;
    writeSync(
      log,
      `--- ${new Date().toISOString()} ignite-mcp ${PACKAGE_VERSION}: starting the local Ignite (asked by pid ${process.pid})\n`,
    );
    const args = [
      options.command.script,
      'local',
      '--daemon',
      '--data-dir',
      paths.dir,
      '--idle-timeout',
      `${options.idleSecs}s`,
      '--log-level',
      options.logLevel,
      '--engine',
      options.engine,
    ];
    const common = { detached: true, env: options.env, cwd: '/' } as const;
    if (!existsSync('/bin/sh')) {
      const child = spawn(options.command.execPath, args, { ...common, stdio: ['ignore', log, log] });
      child.unref();
      return { pid: child.pid, logFrom };
    }
    const shell = spawn('/bin/sh', ['-c', '"$@" </dev/null >&2 & echo $!', 'ignite-mcp-daemon', options.command.execPath, ...args], {
      ...common,
      stdio: ['ignore', 'pipe', log],
    });
    let out = '';
    shell.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise<void>((resolve) => shell.once('close', () => resolve()));
    const pid = Number(out.trim());
    return { pid: Number.isSafeInteger(pid) && pid > 0 ? pid : undefined, logFrom };
  } finally {
    closeSync(log);
  }
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
}

/** The last lines the local Ignite wrote since `from`, quoted for an error message. */
export function logTail(paths: DaemonPaths, from: number): string {
  let text = '';
  try {
    const fd = openSync(paths.log, 'r');
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(from, size - 4096);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return `Its log ${paths.log} cannot be read.`;
  }
  const lines = text.split('\n').filter((line) => line.trim() && !line.startsWith('--- '));
  return lines.length > 0 ? `Its log says:\n${lines.slice(-12).join('\n')}` : 'It wrote nothing to its log.';
}
