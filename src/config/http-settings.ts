/**
 * Settings of `ignite-mcp serve --http`. Loopback by default; a bearer token is required unless the
 * development switch `--http-no-auth` turns it off, which only a loopback host may do (the MCP
 * conformance suite sends no Authorization header).
 */
import path from 'node:path';
import { z } from 'zod';

export interface HttpSettings {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
  /** Where the generated token is kept (0600); ignored when IGNITE_MCP_HTTP_TOKEN is set. */
  readonly tokenFile: string;
  /** The configured token (IGNITE_MCP_HTTP_TOKEN); never a flag, since argv is visible in `ps`. */
  readonly token?: string;
  readonly noAuth: boolean;
  /** Each caller may send its own Ignite token in X-Ignite-Token at initialize. */
  readonly perUserTokens: boolean;
  /** Extra names Host and Origin may carry, e.g. a reverse proxy's (repeatable --http-allowed-host). */
  readonly allowedHosts: readonly string[];
}

export const HttpSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  tokenFile: z.string().refine((p) => path.isAbsolute(p)),
  token: z.string().min(1).optional(),
  noAuth: z.boolean(),
  perUserTokens: z.boolean(),
  allowedHosts: z.array(z.string()),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface HttpInput {
  values: { host?: string | undefined; port?: string | undefined; tokenFile?: string | undefined; allowedHosts: readonly string[] };
  switches: { http: boolean; noAuth: boolean; perUserTokens: boolean };
  envToken: string | undefined;
  dataDir: string;
  absolute(p: string): string;
}

export function resolveHttpSettings(input: HttpInput, problems: string[]): HttpSettings {
  const host = input.values.host ?? '127.0.0.1';
  const portText = input.values.port ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(portText))
    problems.push(`--port must be a port number from 0 to 65535, got "${portText}"`);
  const anyHttpFlag =
    input.values.host !== undefined || input.values.port !== undefined || input.switches.noAuth || input.switches.perUserTokens;
  if (!input.switches.http && anyHttpFlag)
    problems.push('--host, --port, --http-no-auth and --http-per-user-tokens need --http (the server speaks stdio otherwise)');
  if (input.switches.noAuth && !LOOPBACK.has(host)) {
    problems.push(
      `--http-no-auth is a development switch for loopback only; with --host ${host} anyone who reaches the port could deploy as you`,
    );
  }
  return {
    enabled: input.switches.http,
    host,
    port: Number.isInteger(port) ? port : 0,
    tokenFile: input.values.tokenFile ? input.absolute(input.values.tokenFile) : path.join(input.dataDir, 'http-token'),
    ...(input.envToken?.trim() ? { token: input.envToken.trim() } : {}),
    noAuth: input.switches.noAuth,
    perUserTokens: input.switches.perUserTokens,
    allowedHosts: [...input.values.allowedHosts],
  };
}
