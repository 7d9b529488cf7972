/**
 * `ignite-mcp local`: the local Ignite for one data directory. In a terminal it serves until
 * stopped; with --daemon (how MCP servers start it) it runs in the background and exits once
 * idle (local-daemon.ts). Either way it holds the data directory's lock for its whole life, so it
 * is the directory's only writer, and says where it is in a record only once it listens.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Logger } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { selfIdentity } from '../shared/processes.js';
import { prepareDataDir } from '../daemon/data-dir.js';
import { acquireLock, type HeldLock, type LockHolder } from '../daemon/lock.js';
import { daemonPaths, socketPathFits, type DaemonPaths } from '../daemon/paths.js';
import { readRecord, removeRecord, writeRecord, writeToken, type DaemonRecord } from '../daemon/record.js';
import { engineOptions } from './engine-options.js';
import { childEnvironment } from './child-env.js';
import type { FaultRule } from '../local/faults/injector.js';
import type { LocalIgnite } from '../local/server.js';
import { watchIdle } from './local-daemon.js';
import type { LocalOptions } from './local-options.js';
import { describeReach, shellWord } from './local-reach.js';

/** What `ignite-mcp local` takes from the environment; main.ts reads it, nothing here does. */
export interface LocalCommandEnv {
  /** IGNITE_LOCAL_REQUIRED_TOKEN: this token instead of a random one. */
  requiredToken?: string;
  /** IGNITE_LOCAL_FAULTS: fault rules as JSON (see local/faults/config.ts). */
  faults?: string;
}

export interface LocalRun {
  readonly local: LocalIgnite;
  readonly record: DaemonRecord;
  /** Stops serving: builds and apps are stopped, the record, token and lock removed. */
  close(): Promise<void>;
  /** Resolves when a background local Ignite has stopped by itself (idle, or its lock lost). */
  readonly ended: Promise<void>;
}

export const DEFAULT_IDLE_SECS = 600;

export async function runLocalCommand(
  options: LocalOptions,
  config: Readonly<Config>,
  logger: Logger,
  env: LocalCommandEnv,
): Promise<LocalRun> {
  // Everything it creates (records, images, the socket, files apps write) is for its user only.
  process.umask(0o077);
  const faults = await faultRules(options.faults, env.faults);
  const persistent = !options.memory;
  const dir = persistent ? config.dataDir : mkdtempSync(path.join(os.tmpdir(), 'ignite-local-'));
  const paths = daemonPaths(dir);
  let lock: HeldLock | undefined;
  if (persistent) {
    const prepared = await prepareDataDir(dir, { setting: 'the data directory' });
    if (prepared.tightenedFrom !== undefined) {
      logger.warn(`the data directory ${dir} was open to others (mode ${prepared.tightenedFrom.toString(8)}); it is now 0700`);
    }
    const taken = await acquireLock(paths.lock);
    if (!taken.acquired) throw alreadyServing(paths, taken.holder);
    lock = taken.lock;
  }
  const identity = selfIdentity();
  const token = options.noToken ? undefined : env.requiredToken?.trim() || randomBytes(32).toString('base64url');
  try {
    rmSync(paths.token, { force: true });
    if (token) writeToken(paths, token);
    const listen = listenOn(options, paths, logger);
    const { startLocalIgnite, ListenError } = await import('../local/server.js');
    const local: LocalIgnite = await startLocalIgnite({
      ...listen,
      dataDir: persistent ? dir : undefined,
      requiredToken: token,
      faults,
      // A background one is shared by MCP servers that each name their organization; `local` is its default.
      defaultOrganization: options.daemon ? 'local' : (config.orgName ?? 'local'),
      logger: logger.child('local-ignite'),
      hostEnv: childEnvironment(process.env),
      ...engineOptions(config),
    }).catch((err: unknown) => {
      throw err instanceof ListenError ? listenFailure(err) : err;
    });
    try {
      return serving(local);
    } catch (err) {
      await local.close();
      throw err;
    }
  } catch (err) {
    rmSync(paths.token, { force: true });
    if (persistent) lock?.release();
    else rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  /** Once it listens: the record that says so, the banner, and (in the background) the idle watch. */
  function serving(local: LocalIgnite): LocalRun {
    const idleSecs = options.daemon ? (options.idleSecs ?? DEFAULT_IDLE_SECS) : 0;
    const record: DaemonRecord = {
      ...identity,
      version: PACKAGE_VERSION,
      mode: options.daemon ? 'daemon' : 'foreground',
      endpoint: local.endpoint,
      bound: local.bound,
      token_required: token !== undefined,
      started_at: new Date().toISOString(),
      data_dir: dir,
      idle_timeout_secs: idleSecs,
      engine: local.engine,
    };
    if (persistent) writeRecord(paths, record);
    const banner = [
      `local Ignite ${PACKAGE_VERSION} serving dodil.ignite.v1 on ${local.endpoint} (pid ${process.pid}; data: ${persistent ? dir : 'in memory'})`,
      `engine: ${local.engine}${local.engine === 'process' ? ' (fallback: RUN steps are not executed and apps run as host processes)' : ''}`,
      ...describeReach(record, paths, persistent),
    ];
    // Straight to stderr (the terminal, or a background one's log): the logger would redact the grpcurl line's header.
    process.stderr.write(`${banner.join('\n')}\n`);

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        idle?.stop();
        if (persistent) removeRecord(paths, identity);
        await local.close();
        rmSync(paths.token, { force: true });
        if (persistent) lock?.release();
        else rmSync(dir, { recursive: true, force: true });
      })());
    const idle =
      options.daemon && lock
        ? watchIdle({ local, lock, paths, record, idleSecs, logger, stop: (reason) => (logger.info(`stopping: ${reason}`), close()) })
        : undefined;
    return { local, record, close, ended: idle?.ended ?? new Promise(() => {}) };
  }
}

function listenOn(options: LocalOptions, paths: DaemonPaths, logger: Logger): { socketPath?: string; host?: string; port?: number } {
  if (options.port !== undefined) return { host: options.host ?? '127.0.0.1', port: options.port };
  if (socketPathFits(paths.socket)) return { socketPath: paths.socket };
  logger.warn(
    `the socket path ${paths.socket} is longer than a Unix socket path may be (107 bytes); listening on TCP 127.0.0.1 (a free port, token required) instead`,
  );
  return { host: '127.0.0.1', port: 0 };
}

function listenFailure(err: { reason: string; address: string; message: string }): UserError {
  if (err.reason === 'in-use') {
    return new UserError(
      `${err.address} is already in use by another program`,
      'Pick another port with --port N, or --port 0 for a free one (the address is printed at start).',
    );
  }
  if (err.reason === 'denied')
    return new UserError(err.message, 'Ports below 1024 need privileges: pick a higher one, or --port 0 for a free one.');
  if (err.reason === 'not-a-socket') return new UserError(err.message, 'Move that file away, or pick another --data-dir.');
  return new UserError(err.message, 'Check --host and --port (e.g. --host 127.0.0.1 --port 0).');
}

/** The message for a second local Ignite on a directory: who serves it, how to reach it, how to stop it. */
function alreadyServing(paths: DaemonPaths, holder: LockHolder): UserError {
  const record = readRecord(paths);
  const current = record && record.pid === holder.pid ? record : undefined;
  const who = current
    ? `pid ${holder.pid} (ignite-mcp ${current.version}, ${current.mode === 'daemon' ? 'started in the background by an MCP server' : 'started with `ignite-mcp local`'}, since ${current.started_at}), listening on ${current.endpoint}`
    : `pid ${holder.pid} (starting up)`;
  // `local status` prints the grpcurl line: a bearer header in an error message would be redacted.
  const reach = ` \`ignite-mcp local status --data-dir ${shellWord(paths.dir)}\` shows how to reach it.`;
  return new UserError(
    `another local Ignite already serves ${paths.dir}: ${who}`,
    `Use that one: MCP servers with this data directory connect to it by themselves.${reach} Stop it with \`ignite-mcp local stop --data-dir ${shellWord(paths.dir)}\`, or pick another --data-dir.`,
    { code: 'LOCKED' },
  );
}

/** The --faults file wins over IGNITE_LOCAL_FAULTS, as flags win over the environment everywhere else. */
async function faultRules(file: string | undefined, fromEnv: string | undefined): Promise<FaultRule[] | undefined> {
  if (file === undefined && !fromEnv?.trim()) return undefined;
  const { parseFaultConfig } = await import('../local/faults/config.js');
  if (file === undefined) return parseFaultConfig(fromEnv!, 'IGNITE_LOCAL_FAULTS');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read --faults ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      'Pass the path of a JSON file of fault rules.',
    );
  }
  return parseFaultConfig(text, `--faults ${file}`);
}
