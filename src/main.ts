#!/usr/bin/env node
/**
 * The ignite-mcp command: picks the subcommand and reports a failure that stops it. With cli/, the
 * only code that reads process.env and argv, installs signal handlers or exits.
 */
import os from 'node:os';
import { ConfigError, loadConfig } from './config/config.js';
import { describeError, formatFailure } from './shared/errors.js';
import { createLogger } from './shared/log.js';
import { PACKAGE_VERSION } from './shared/version.js';
import { HELP_TEXT } from './cli/help.js';
import { runLocalCommand, LOCAL_FLAGS } from './cli/local.js';
import { serveStdio } from './cli/serve.js';
import { onShutdownSignal } from './cli/signals.js';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return;
  }
  const subcommand = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  if (subcommand !== 'serve' && subcommand !== 'local' && subcommand !== 'doctor') {
    throw new Error(`unknown command "${subcommand}"; run ignite-mcp --help`);
  }
  if (subcommand === 'doctor') {
    const options = { env: process.env, argv: argv.slice(1), homeDir: os.homedir(), ignoreFlags: ['json'] };
    const loaded = (() => {
      try {
        return loadConfig(options);
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
    process.exitCode = await runDoctorCommand(argv.slice(1), loaded, logger, { proxy: proxy || undefined });
    return;
  }
  // The local Ignite serves instead of an endpoint, so a configured remote endpoint (and its token
  // requirement) must not stop it from starting.
  const env = subcommand === 'local' ? { ...process.env, IGNITE_API_ENDPOINT: undefined } : process.env;
  const config = loadConfig({
    env,
    argv: subcommand === 'serve' ? argv : argv.slice(1),
    homeDir: os.homedir(),
    ignoreFlags: subcommand === 'local' ? LOCAL_FLAGS : [],
  });
  const logger = createLogger({ level: config.logLevel, secrets: () => (config.token ? [config.token] : []) });
  for (const warning of config.warnings) logger.warn(warning);

  if (subcommand === 'local') {
    const local = await runLocalCommand(argv.slice(1), config, logger, {
      requiredToken: process.env.IGNITE_LOCAL_REQUIRED_TOKEN,
      faults: process.env.IGNITE_LOCAL_FAULTS,
    });
    onShutdownSignal(() => local.close());
    return;
  }
  await serveStdio(config, logger);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // When the configuration did not load, the token is known only from the environment; a setting
  // echoed in a configuration error (an endpoint URL with the token in it) must not print it.
  const tokens = [process.env.DODIL_TOKEN, process.env.IGNITE_TOKEN].map((token) => token?.trim().replace(/^bearer\s+/i, ''));
  const text = formatFailure(describeError(err, { secrets: tokens }));
  process.stderr.write(`${text.startsWith('ignite-mcp') ? '' : 'ignite-mcp: '}${text}\n`);
  process.exit(2);
});
