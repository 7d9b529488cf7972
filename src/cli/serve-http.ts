/**
 * `ignite-mcp serve --http`: the MCP server over Streamable HTTP at /mcp, for shared and hosted use.
 * Each session gets its own runtime (Ignite client, log hub, secrets), so sessions that act with
 * different Ignite tokens never share a client, a stream or a subscription. With no endpoint
 * configured, every session joins the one local Ignite of the data directory, as stdio servers do.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { startHttpServer, type SessionIdentity } from '../mcp/http/http-server.js';
import { prepareRuntime, type StartEmbeddedIgnite } from '../mcp/runtime.js';
import { createServer } from '../mcp/server.js';
import { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { onShutdownSignal } from './signals.js';

export interface HttpServeOptions {
  /** Starts the local Ignite for a server with no endpoint (the same starter stdio uses). */
  startLocal: StartEmbeddedIgnite;
}

export async function serveHttp(
  config: Readonly<Config>,
  logger: Logger,
  options: HttpServeOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const settings = config.http;
  const tokens = settings.noAuth ? [] : [settings.token ?? loadOrCreateToken(settings.tokenFile, logger)];
  const createSession = async (identity: SessionIdentity) => {
    // A caller's own Ignite token replaces the configured one for this session only, and is redacted like it.
    const sessionConfig: Readonly<Config> = identity.igniteToken
      ? Object.freeze({ ...config, token: identity.igniteToken, tokenSource: 'X-Ignite-Token' })
      : config;
    const sessionLogger = logger.child('session', identity.igniteToken ? [identity.igniteToken] : []);
    const runtime = prepareRuntime({
      config: sessionConfig,
      logger: sessionLogger,
      cwd: process.cwd(),
      startLocal: options.startLocal,
      envValue: (name) => process.env[name],
    });
    const mcp = createServer(runtime.deps);
    await runtime.start();
    return { mcp, close: () => runtime.close() };
  };
  const http = await startHttpServer({
    host: settings.host,
    port: settings.port,
    tokens,
    extraHostnames: settings.allowedHosts,
    perUserTokens: settings.perUserTokens,
    createSession,
    logger,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new UserError(`port ${settings.port} on ${settings.host} is in use`, 'Pick another with --port, or --port 0 for a free one.');
    throw err;
  });
  let stopping: Promise<void> | undefined;
  const close = () =>
    (stopping ??= (async () => {
      await http.close();
    })());
  onShutdownSignal(close);
  // Printed whatever the log level: with --port 0 the address is what a script or a person needs first.
  process.stderr.write(
    `ignite-mcp ${PACKAGE_VERSION} serving MCP over HTTP at ${http.url}${tokens.length === 0 ? ' WITHOUT authentication (--http-no-auth)' : ''}\n`,
  );
  return { url: http.url, close };
}

/**
 * The token callers present. Generated once (32 random bytes), kept 0600 in the data folder, and
 * printed only when it is made, so it does not end up in every log.
 */
function loadOrCreateToken(file: string, logger: Logger): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UserError(
        `cannot read the HTTP token file ${file}: ${(err as NodeJS.ErrnoException).code}`,
        'Fix its permissions, or set IGNITE_MCP_HTTP_TOKEN.',
      );
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  // stderr only: this is the one time it is shown; it stays in the file for the next start.
  process.stderr.write(`ignite-mcp: HTTP clients must send "Authorization: Bearer ${token}" (kept in ${file}, mode 0600)\n`);
  logger.debug('generated a new HTTP token', { file });
  return token;
}
