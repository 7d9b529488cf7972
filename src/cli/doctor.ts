/**
 * `ignite-mcp doctor [--json]`: what stands between this machine and a deploy, for a person (a short
 * report ending with the first thing to fix) or a script (--json). Exit code 0 when nothing is a
 * problem. A configuration that does not load is reported, not thrown: it is the first thing to fix.
 */
import { createIgniteClient, type IgniteClient } from '../client/client.js';
import { ConfigError, type Config } from '../config/config.js';
import { doctorReport, formatReport, type Check } from '../doctor/report.js';
import { localEngineCheck, PROCESS_ENGINE_FIX, PROCESS_ENGINE_MEANS } from '../doctor/local-checks.js';
import { daemonPaths } from '../daemon/paths.js';
import { findRunning } from '../daemon/record.js';
import type { Logger } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { childEnvironment, engineEnvironment } from './child-env.js';
import path from 'node:path';

export interface DoctorEnv {
  /** The proxy grpc-js would use: grpc_proxy, https_proxy, http_proxy (in that order). */
  proxy: string | undefined;
}

export async function runDoctorCommand(
  argv: readonly string[],
  loaded: Readonly<Config> | ConfigError,
  logger: Logger,
  env: DoctorEnv,
): Promise<number> {
  const json = argv.includes('--json');
  if (loaded instanceof ConfigError) {
    const report = doctorReport(
      loaded.problems.map((problem): Check => ({ id: 'config', status: 'problem', summary: problem, fix: loaded.hint })),
    );
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.exitCode;
  }
  const config = loaded;
  const { runDoctor } = await import('../doctor/doctor.js');
  const { client, token, close, checks } = await connect(config, logger);
  try {
    const report = await runDoctor({
      config,
      now: Date.now(),
      target: { endpoint: client.endpoint, transport: client.transport, proxy: config.mode === 'remote' ? env.proxy : undefined },
      token,
      client,
      extra: [async () => checks],
      roots: {
        folders: config.allowedRoots.length > 0 ? config.allowedRoots : [process.cwd()],
        origin: config.allowedRoots.length > 0 ? 'configured' : 'the working directory',
      },
    });
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.exitCode;
  } finally {
    await close();
  }
}

/**
 * The endpoint the server would use: the configured one, or the local Ignite of the data folder. When
 * none is running (it starts on first use), a throw-away one in memory stands in for the checks.
 */
async function connect(
  config: Readonly<Config>,
  logger: Logger,
): Promise<{ client: IgniteClient; token: string | undefined; checks: Check[]; close(): Promise<void> }> {
  if (config.mode === 'remote') {
    const client = createIgniteClient({
      endpoint: config.endpoint!,
      token: config.token,
      insecure: config.insecure,
      deadlineMs: config.deadlineMs,
      logger,
    });
    return { client, token: config.token, checks: [], close: async () => client.close() };
  }
  const running = findRunning(daemonPaths(config.dataDir));
  if (running) {
    const { record } = running;
    const other = record.version !== PACKAGE_VERSION;
    const engine = localEngineCheck(config, record.engine);
    const check: Check = {
      id: 'local.ignite',
      status: other ? 'warning' : 'ok',
      summary: `running (pid ${record.pid}, ${record.mode}, version ${record.version}) at ${record.endpoint}`,
      fix: other
        ? `it is version ${record.version}, this is ${PACKAGE_VERSION}: stop it when idle with \`ignite-mcp local stop\``
        : undefined,
    };
    const client = createIgniteClient({
      endpoint: record.endpoint,
      token: running.token,
      insecure: true,
      deadlineMs: config.deadlineMs,
      logger,
    });
    return { client, token: running.token, checks: [check, engine], close: async () => client.close() };
  }
  const { startLocalIgnite } = await import('../local/server.js');
  const local = await startLocalIgnite({ logger: logger.child('local-ignite'), hostEnv: childEnvironment(process.env) });
  const client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: config.deadlineMs, logger });
  return {
    client,
    token: undefined,
    checks: [
      {
        id: 'local.ignite',
        status: 'ok',
        summary: 'not running; the first MCP server that needs it starts it (checked here with one in memory)',
      },
      await engineCheck(config),
    ],
    close: async () => {
      client.close();
      await local.close();
    },
  };
}

/** What a local Ignite started now would build and run with: the engine detection it runs itself. */
async function engineCheck(config: Readonly<Config>): Promise<Check> {
  const { selectEngine } = await import('../local/engines/detect.js');
  try {
    const selection = await selectEngine(config.engine, {
      storeDir: path.join(config.dataDir, 'engine'),
      env: engineEnvironment(process.env),
    });
    if (selection.name === 'process') {
      return {
        id: 'local.engine',
        status: config.engine === 'process' ? 'ok' : 'warning',
        summary: `process engine (${selection.why}): ${PROCESS_ENGINE_MEANS}`,
        fix: config.engine === 'process' ? undefined : PROCESS_ENGINE_FIX,
      };
    }
    return { id: 'local.engine', status: 'ok', summary: `${selection.why}: builds run every step, apps run as containers` };
  } catch (err) {
    return {
      id: 'local.engine',
      status: 'problem',
      summary: err instanceof Error ? err.message : String(err),
      fix:
        err instanceof UserError && err.hint
          ? err.hint
          : 'check that the engine answers (`podman info`), or pick another with IGNITE_MCP_ENGINE',
    };
  }
}
