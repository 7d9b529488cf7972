import { createAppLogHub } from '../logs/app-log-hub.js';
import type { IgniteClient } from '../client/client.js';
import type { Config } from '../config/config.js';
import { withSecrets, type Logger } from '../shared/log.js';
import { MIN_SECRET_LENGTH } from '../shared/redact.js';
import { BuildLogHub } from '../logs/build-log-hub.js';
import { isTerminalBuildStatus } from '../contract/build-status.js';
import { isLoopbackEndpoint } from '../contract/endpoint.js';
import type { ServerDeps } from './deps.js';

/** The local Ignite as the MCP side sees it: somewhere to dial, with what to present, and a way to let go of it. */
export interface EmbeddedIgnite {
  readonly endpoint: string;
  /** The bearer token it requires, if any. */
  readonly token?: string;
  /** What it builds and runs with (podman, docker or process), when it says. */
  readonly engine?: string;
  /** False once it is known to be gone (stopped, crashed): the next call then starts or finds another. */
  alive?(): boolean;
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

/** The live parts behind an MCP server: the Ignite client, the log hub, and the local Ignite in local mode. */
export interface Runtime {
  deps: ServerDeps;
  local: EmbeddedIgnite | undefined;
  close(): Promise<void>;
}

/** The organization a local Ignite uses when none is configured (its default one). */
export const LOCAL_ORGANIZATION = 'local';

/**
 * A runtime whose deps exist before anything is connected, so the MCP server can be built and
 * answer `initialize` while the gRPC contract loads and the local Ignite is found or started.
 * `deps.client` (and following logs) may be used once `start()` has resolved; `deps.ready()`
 * reconnects when the local Ignite has gone away since.
 */
export interface PendingRuntime {
  deps: ServerDeps;
  /** Creates the Ignite client, finding or starting the local Ignite first in local mode. Rejects when it cannot (a later `ready()` tries again). */
  start(): Promise<Runtime>;
  close(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  return prepareRuntime(options).start();
}

export function prepareRuntime(options: RuntimeOptions): PendingRuntime {
  const { config } = options;
  let connection: Connection | undefined;
  let connecting: Promise<void> | undefined;
  let started = false;
  let lastFailure: unknown;
  let closing: Promise<void> | undefined;
  const client = (): IgniteClient => {
    if (!connection) {
      throw lastFailure ?? new Error('the Ignite client is not connected yet: the runtime must be started before requests are served');
    }
    return connection.client;
  };
  // The local Ignite's token joins the list when it is known, and so do secret values a tool learns
  // (create_secret): each is scrubbed like the configured token, our own log lines included.
  const secretValues = new Set<string>(config.token ? [config.token] : []);
  const secrets = () => [...secretValues];
  const logger = withSecrets(options.logger, secrets);
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
  const appLogs = createAppLogHub({
    streamAppLogs: (request, callOptions) => client().streamAppLogs(request, callOptions),
    logger: logger.child('app-logs'),
    secrets,
  });
  /** Connects, or reconnects after the local Ignite went away (stopped, crashed, idle-exited): one attempt at a time. */
  const reconnect = () =>
    (connecting ??= (async () => {
      if (connection) {
        logger.warn(`the local Ignite at ${connection.client.endpoint} has stopped; finding or starting another`);
        connection.client.close();
        await connection.local?.close().catch(() => {});
        connection = undefined;
      }
      try {
        connection = await connect({ ...options, logger });
        if (connection.local?.token) secretValues.add(connection.local.token);
        lastFailure = undefined;
      } catch (err) {
        lastFailure = err;
        throw err;
      }
    })().finally(() => (connecting = undefined)));
  const deps: ServerDeps = {
    config,
    get client() {
      return client();
    },
    logs,
    appLogs,
    logger,
    fallbackRoots: config.allowedRoots.length > 0 ? config.allowedRoots : [options.cwd],
    secrets,
    rememberSecret: (value) => {
      if (value.length >= MIN_SECRET_LENGTH) secretValues.add(value);
    },
    envValue: options.envValue ?? (() => undefined),
    cwd: options.cwd,
    // A local Ignite (ours, or one reached on loopback) has a default organization: send none and let it choose.
    organization: config.orgName ?? (config.mode === 'local' || isLoopbackEndpoint(config.endpoint ?? '') ? '' : undefined),
    endpointToken: () => config.token ?? connection?.local?.token,
    localEngine: () => connection?.local?.engine,
    async ready() {
      if (!started || closing) return;
      if (connection && (connection.local?.alive?.() ?? true)) return;
      await reconnect();
    },
  };
  const close = () =>
    (closing ??= (async () => {
      await connecting?.catch(() => {});
      logs.close();
      appLogs.close();
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
    start: async () => {
      started = true;
      if (!connection) await reconnect();
      return runtime;
    },
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
  const loading = import('../client/client.js');
  if (config.mode !== 'local') {
    const { createIgniteClient } = await loading;
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
  const starting = options.startLocal({
    dataDir: config.dataDir,
    defaultOrganization: config.orgName ?? LOCAL_ORGANIZATION,
    logger: logger.child('local-ignite'),
  });
  starting.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
  // The client and the contract load while the local Ignite starts (in its own process, when it is a background one).
  const { createIgniteClient } = await loading;
  (await import('../contract/load.js')).loadIgniteProtos();
  const local = await starting;
  logger.info(`no Ignite endpoint configured (IGNITE_API_ENDPOINT): using the local Ignite at ${local.endpoint}`);
  const client = createIgniteClient({
    endpoint: local.endpoint,
    token: local.token,
    insecure: true,
    deadlineMs: config.deadlineMs,
    // The local Ignite is shared by every MCP server of the data directory; each names its own
    // organization as the real gateway would, or lets the local Ignite use its default one.
    extraMetadata: config.orgName ? { 'x-organization-name': config.orgName } : {},
    logger,
  });
  return { client, local };
}
