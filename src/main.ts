#!/usr/bin/env node
/**
 * The ignite-mcp command: picks the subcommand and reports a failure that stops it. With cli/, the
 * only code that reads process.env and argv, installs signal handlers or exits.
 */
import os from 'node:os';
import { loadConfig } from './config/config.js';
import { describeError, formatFailure } from './shared/errors.js';
import { createLogger } from './shared/log.js';
import { PACKAGE_VERSION } from './shared/version.js';
import { HELP_TEXT } from './cli/help.js';
import { BASE_IMAGE_FLAGS, runBaseImageCommand } from './cli/base-image.js';
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
  if (subcommand !== 'serve' && subcommand !== 'local') {
    throw new Error(`unknown command "${subcommand}"; run ignite-mcp --help`);
  }
  // The local Ignite serves instead of an endpoint, so a configured remote endpoint (and its token
  // requirement) must not stop it from starting.
  const env = subcommand === 'local' ? { ...process.env, IGNITE_API_ENDPOINT: undefined } : process.env;
  const baseImage = subcommand === 'local' && argv[1] === 'base-image';
  const config = loadConfig({
    env,
    argv: subcommand === 'serve' ? argv : argv.slice(baseImage ? 2 : 1),
    homeDir: os.homedir(),
    ignoreFlags: baseImage ? BASE_IMAGE_FLAGS : subcommand === 'local' ? LOCAL_FLAGS : [],
  });
  const logger = createLogger({ level: config.logLevel, secrets: () => (config.token ? [config.token] : []) });
  for (const warning of config.warnings) logger.warn(warning);

  if (baseImage) return runBaseImageCommand(argv.slice(2), config);
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
