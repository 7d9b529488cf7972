#!/usr/bin/env node
/**
 * The ignite-mcp command: picks the subcommand and reports a failure that stops it. With cli/, the
 * only code that reads process.env and argv, installs signal handlers or exits.
 */
import os from 'node:os';
import { ConfigError, loadConfig } from './config/config.js';
import { describeError, formatFailure, UserError } from './shared/errors.js';
import { createLogger } from './shared/log.js';
import { PACKAGE_VERSION } from './shared/version.js';
import { HELP_TEXT, LOCAL_HELP_TEXT, USAGE } from './cli/help.js';
import { BASE_IMAGE_FLAGS, runBaseImageCommand } from './cli/base-image.js';
import { localStatus, localStop } from './cli/local-admin.js';
import { parseLocalArgs } from './cli/local-options.js';
import { runLocalCommand } from './cli/local.js';
import { localIgniteStarter, serveMisconfigured, serveStdio } from './cli/serve.js';
import { serveHttp } from './cli/serve-http.js';
import { onShutdownSignal } from './cli/signals.js';

/** A command line that names no command we have: answered with the usage, not as an unexpected error. */
class UnknownCommand extends UserError {}

/** Tokens the environment holds, for scrubbing messages printed before the configuration loaded. */
const envTokens = () => [process.env.DODIL_TOKEN, process.env.IGNITE_TOKEN].map((token) => token?.trim().replace(/^bearer\s+/i, ''));

async function main(argv: readonly string[]): Promise<void> {
  const first = argv[0];
  if (first === 'local') return local(argv.slice(1));
  if (first === 'doctor') return doctor(argv.slice(1));
  if (first === 'help' || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return;
  }
  if (first !== undefined && !first.startsWith('-') && first !== 'serve') {
    throw new UnknownCommand(`unknown command "${first}"`, 'Run `ignite-mcp --help` for the options.');
  }
  let config;
  try {
    config = loadConfig({ env: process.env, argv, homeDir: os.homedir() });
  } catch (err) {
    // A client that drops stderr would show only "Connection closed": an MCP client (stdin is no
    // terminal) gets a server whose every tool call returns the problem. A person gets it printed.
    if (!(err instanceof ConfigError) || process.stdin.isTTY) throw err;
    const text = formatFailure(describeError(err, { secrets: envTokens() }));
    process.stderr.write(`ignite-mcp: ${text}\n`);
    await serveMisconfigured(text);
    return;
  }
  const logger = createLogger({ level: config.logLevel, secrets: () => (config.token ? [config.token] : []) });
  for (const warning of config.warnings) logger.warn(warning);
  if (config.http.enabled) await serveHttp(config, logger, { startLocal: localIgniteStarter(config) });
  else await serveStdio(config, logger, { interactive: process.stdin.isTTY === true });
}

/** `ignite-mcp doctor [--json]`: a configuration that does not load is its first finding, not a failure. */
async function doctor(argv: readonly string[]): Promise<void> {
  const loaded = (() => {
    try {
      return loadConfig({ env: process.env, argv, homeDir: os.homedir(), ignoreFlags: ['json'] });
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
  })();
  const logger = createLogger({
    level: loaded instanceof ConfigError || loaded.logLevel !== 'debug' ? 'warn' : 'debug',
    secrets: () => (loaded instanceof ConfigError || !loaded.token ? [] : [loaded.token]),
  });
  const proxy =
    process.env.grpc_proxy ?? process.env.https_proxy ?? process.env.HTTPS_PROXY ?? process.env.http_proxy ?? process.env.HTTP_PROXY;
  // Loaded only for this command: it needs the gRPC stack, which the stdio server loads after initialize.
  const { runDoctorCommand } = await import('./cli/doctor.js');
  process.exitCode = await runDoctorCommand(argv, loaded, logger, { proxy: proxy || undefined });
}

/** `ignite-mcp local [status|stop] …`: its own options, parsed strictly. */
async function local(argv: readonly string[]): Promise<void> {
  if (argv[0] === 'base-image') return baseImage(argv.slice(1));
  const options = parseLocalArgs(argv);
  if (options.help) {
    process.stdout.write(LOCAL_HELP_TEXT);
    return;
  }
  // The local Ignite serves instead of an endpoint, and reads no folders for tools: the MCP
  // server's endpoint (and its token requirement) and allowed roots must not stop it.
  const env = { ...process.env, IGNITE_API_ENDPOINT: undefined, IGNITE_MCP_ALLOWED_ROOTS: undefined };
  const shared = [
    ...(options.dataDir ? ['--data-dir', options.dataDir] : []),
    ...(options.logLevel ? ['--log-level', options.logLevel] : []),
    ...(options.engine ? ['--engine', options.engine] : []),
  ];
  const config = loadConfig({ env, argv: shared, homeDir: os.homedir() });
  const write = (text: string) => void process.stdout.write(text);
  if (options.command === 'status') {
    process.exitCode = localStatus(config.dataDir, write);
    return;
  }
  if (options.command === 'stop') {
    process.exitCode = await localStop(config.dataDir, write);
    return;
  }
  const logger = createLogger({ level: config.logLevel });
  const run = await runLocalCommand(options, config, logger, {
    requiredToken: process.env.IGNITE_LOCAL_REQUIRED_TOKEN,
    faults: process.env.IGNITE_LOCAL_FAULTS,
  }).catch((err: unknown) => {
    // Started in the background by an MCP server that lost the race to another: nothing went wrong.
    if (!options.daemon || !(err instanceof UserError) || err.code !== 'LOCKED') throw err;
    logger.info(`${err.message}; this one is not needed`);
    return undefined;
  });
  if (!run) return;
  onShutdownSignal(() => run.close(), ['SIGINT', 'SIGTERM', 'SIGHUP']);
  void run.ended.then(() => process.exit(0));
}

/** `ignite-mcp local base-image …`: a base image for offline builds, in the data directory's engine store. */
async function baseImage(argv: readonly string[]): Promise<void> {
  const env = { ...process.env, IGNITE_API_ENDPOINT: undefined, IGNITE_MCP_ALLOWED_ROOTS: undefined };
  const config = loadConfig({ env, argv, homeDir: os.homedir(), ignoreFlags: BASE_IMAGE_FLAGS });
  await runBaseImageCommand(argv, config);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // When the configuration did not load, the token is known only from the environment; a setting
  // echoed in a configuration error (an endpoint URL with the token in it) must not print it.
  const text = formatFailure(describeError(err, { secrets: envTokens() }));
  process.stderr.write(`${text.startsWith('ignite-mcp') ? '' : 'ignite-mcp: '}${text}\n`);
  if (err instanceof UnknownCommand) process.stderr.write(`\n${USAGE}`);
  process.exit(2);
});
