import type { Config } from '../config/config.js';
import type { IgniteClient } from '../client/client.js';
import type { Logger } from '../shared/log.js';
import type { BuildLogHub } from '../logs/build-log-hub.js';

/** Everything the MCP layer needs, injected so tests can point it at a local Ignite on port 0. */
export interface ServerDeps {
  config: Readonly<Config>;
  client: IgniteClient;
  logs: BuildLogHub;
  /** The app log hub (logs/app-log-hub.ts): followed app logs, keyed by appLogKey. */
  appLogs: BuildLogHub;
  logger: Logger;
  /** Folders the server may read when the client offers no roots (configured list, else cwd). */
  fallbackRoots: readonly string[];
  /** Values that must never appear in any output: the token, and secret values learned at run time. */
  secrets(): readonly string[];
  /** Adds a value to secrets(), and so to every redaction (results, errors, logs), for the life of the process. */
  rememberSecret(value: string): void;
  /** A variable of the MCP server's environment, looked up by the command line (only it reads process.env). */
  envValue(name: string): string | undefined;
  /** Where the server runs; relative paths resolve against it. */
  cwd: string;
  /**
   * Organization used when a tool call names none (configured, or from the token); '' lets a local
   * Ignite use its default one; undefined means none is known.
   */
  organization: string | undefined;
  /**
   * Resolves once `client` can be used: after start-up, and again after the local Ignite went away
   * (it is found or started anew). Rejects with why it cannot, e.g. a data directory that is a file.
   */
  ready(): Promise<void>;
  /** The token calls to the endpoint carry (configured, or the local Ignite's); for checks that open their own channel. */
  endpointToken(): string | undefined;
  /** The engine of the local Ignite in use (podman, docker, process); undefined with a remote endpoint or when it does not say. */
  localEngine(): string | undefined;
}
