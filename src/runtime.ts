import { IgniteError } from './grpc/status.js';
import { createIgniteClient, type IgniteClient } from './grpc/client.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { BuildLogHub } from './logs/build-log-hub.js';
import type { ServerDeps } from './server-deps.js';
import type { LocalIgnite, LocalIgniteOptions } from './local/server.js';

export interface RuntimeOptions {
  config: Readonly<Config>;
  logger: Logger;
  cwd: string;
  /** Overrides for the embedded local Ignite (tests run it in memory). */
  local?: Partial<LocalIgniteOptions>;
}

/** The live parts behind an MCP server: the Ignite client, the log hub, and the local Ignite if embedded. */
export interface Runtime {
  deps: ServerDeps;
  local: LocalIgnite | undefined;
  close(): Promise<void>;
}

/** The organization the embedded local Ignite uses when none is configured. */
export const LOCAL_ORGANIZATION = 'local';

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  let local: LocalIgnite | undefined;
  let client: IgniteClient;
  if (config.mode === 'local') {
    // Loaded only when needed, so a remote-mode server does not pay for the builder at start-up.
    const { startLocalIgnite } = await import('./local/server.js');
    local = await startLocalIgnite({
      dataDir: config.dataDir,
      defaultOrganization: config.orgName ?? LOCAL_ORGANIZATION,
      logger: logger.child('local-ignite'),
      ...options.local,
    });
    logger.info(`no Ignite endpoint configured (IGNITE_API_ENDPOINT): using the embedded local Ignite at ${local.endpoint}`, {
      data: local.store.persistent ? local.store.dir : 'in memory',
    });
    client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: config.deadlineMs, logger });
  } else {
    client = createIgniteClient({
      endpoint: config.endpoint!,
      token: config.token,
      insecure: config.insecure,
      deadlineMs: config.deadlineMs,
      logger,
    });
  }
  const secrets = config.token ? [config.token] : [];
  const logs = new BuildLogHub({
    streamBuildLogs: (request, callOptions) => client.streamBuildLogs(request, callOptions),
    isRetryable: (err) => err instanceof IgniteError && err.retryable,
    logger: logger.child('logs'),
    secrets: () => secrets,
  });
  const deps: ServerDeps = {
    config,
    client,
    logs,
    logger,
    fallbackRoots: config.allowedRoots.length > 0 ? config.allowedRoots : [options.cwd],
    secrets: () => secrets,
    cwd: options.cwd,
    organization: config.orgName ?? (local ? LOCAL_ORGANIZATION : undefined),
  };
  let closing: Promise<void> | undefined;
  return {
    deps,
    local,
    close() {
      closing ??= (async () => {
        logs.close();
        client.close();
        await local?.close();
      })();
      return closing;
    },
  };
}
