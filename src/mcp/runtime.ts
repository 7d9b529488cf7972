import type { IgniteClient } from '../client/client.js';
import type { Config } from '../config/config.js';
import { withSecrets, type Logger } from '../shared/log.js';
import { MIN_SECRET_LENGTH } from '../shared/redact.js';
import { BuildLogHub } from '../logs/build-log-hub.js';
import { isTerminalBuildStatus } from '../contract/build-status.js';
import type { ServerDeps } from './deps.js';

/** The local Ignite as the MCP side sees it: somewhere to dial, and a way to let go of it. */
export interface EmbeddedIgnite {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts (or reaches) the local Ignite used when no endpoint is configured. The command line
 * provides it, so the MCP side never imports the local Ignite and loads it only when needed.
 */
export type StartEmbeddedIgnite = (settings: { dataDir: string; defaultOrganization: string; logger: Logger }) => Promise<EmbeddedIgnite>;

export interface RuntimeOptions {
  config: Readonly<Config>;
  logger: Logger;
  cwd: string;
  /** Required in local mode (no endpoint configured). */
  startLocal?: StartEmbeddedIgnite;
  /** The server's environment by name, for secret values given as a variable name; none when absent. */
  envValue?: (name: string) => string | undefined;
}

/** The live parts behind an MCP server: the Ignite client, the log hub, and the local Ignite if embedded. */
export interface Runtime {
  deps: ServerDeps;
  local: EmbeddedIgnite | undefined;
  close(): Promise<void>;
}

/** The organization the embedded local Ignite uses when none is configured. */
export const LOCAL_ORGANIZATION = 'local';

/**
 * A runtime whose deps exist before anything is connected, so the MCP server can be built and
 * answer `initialize` while the gRPC contract loads and the embedded local Ignite starts.
 * `deps.client` (and following logs) may be used only once `start()` has resolved.
 */
export interface PendingRuntime {
  deps: ServerDeps;
  /** Creates the Ignite client, starting the embedded local Ignite first in local mode; once only. */
  start(): Promise<Runtime>;
  close(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  return prepareRuntime(options).start();
}

export function prepareRuntime(options: RuntimeOptions): PendingRuntime {
  const { config } = options;
  // Secret values a tool learns (create_secret) join the token in every redaction, our own log lines included.
  const secretValues = new Set<string>(config.token ? [config.token] : []);
  const secrets = () => [...secretValues];
  const logger = withSecrets(options.logger, secrets);
  let connection: Connection | undefined;
  let starting: Promise<Runtime> | undefined;
  let closing: Promise<void> | undefined;
  const client = (): IgniteClient => {
    if (!connection) throw new Error('the Ignite client is not connected yet: the runtime must be started before requests are served');
    return connection.client;
  };
  const logs = new BuildLogHub({
    streamBuildLogs: (request, callOptions) => client().streamBuildLogs(request, callOptions),
    checkBuild: async (buildId, signal) => {
      const { build } = await client().getBuild({ build_id: buildId }, { signal });
      const status = build?.status ?? 'BUILD_STATUS_UNSPECIFIED';
      return { status, terminal: isTerminalBuildStatus(status), error: build?.error ?? '' };
    },
    logger: logger.child('logs'),
    secrets,
  });
  const deps: ServerDeps = {
    config,
    get client() {
      return client();
    },
    logs,
    logger,
    fallbackRoots: config.allowedRoots.length > 0 ? config.allowedRoots : [options.cwd],
    secrets,
    rememberSecret: (value) => {
      if (value.length >= MIN_SECRET_LENGTH) secretValues.add(value);
    },
    envValue: options.envValue ?? (() => undefined),
    cwd: options.cwd,
    organization: config.orgName ?? (config.mode === 'local' ? LOCAL_ORGANIZATION : undefined),
  };
  const close = () =>
    (closing ??= (async () => {
      await starting?.catch(() => {});
      logs.close();
      connection?.client.close();
      await connection?.local?.close();
    })());
  const runtime: Runtime = {
    deps,
    get local() {
      return connection?.local;
    },
    close,
  };
  return {
    deps,
    start: () =>
      (starting ??= (async () => {
        connection = await connect({ ...options, logger });
        return runtime;
      })()),
    close,
  };
}

interface Connection {
  client: IgniteClient;
  local: EmbeddedIgnite | undefined;
}

async function connect(options: RuntimeOptions): Promise<Connection> {
  const { config, logger } = options;
  // Loaded only here: parsing the contract (and, in local mode, loading the builder) are most of a
  // cold start, and initialize needs neither.
  const { createIgniteClient } = await import('../client/client.js');
  if (config.mode !== 'local') {
    const client = createIgniteClient({
      endpoint: config.endpoint!,
      token: config.token,
      insecure: config.insecure,
      deadlineMs: config.deadlineMs,
      logger,
    });
    return { client, local: undefined };
  }
  if (!options.startLocal) throw new Error('no Ignite endpoint is configured and this runtime was given no local Ignite to start');
  const local = await options.startLocal({
    dataDir: config.dataDir,
    defaultOrganization: config.orgName ?? LOCAL_ORGANIZATION,
    logger: logger.child('local-ignite'),
  });
  logger.info(`no Ignite endpoint configured (IGNITE_API_ENDPOINT): using the embedded local Ignite at ${local.endpoint}`);
  return { client: createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: config.deadlineMs, logger }), local };
}
