#!/usr/bin/env node
/**
 * The ignite-mcp command. The only module that reads process.env and argv, installs signal
 * handlers, or exits.
 */
import os from 'node:os';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from './config.js';
import { describeError } from './errors.js';
import { createLogger } from './log.js';
import { HELP_TEXT } from './cli/help.js';
import { PACKAGE_VERSION } from './version.js';
import { prepareRuntime } from './runtime.js';
import { createServer } from './server.js';
import { runLocalCommand, LOCAL_FLAGS } from './cli/local-command.js';

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

  const runtime = prepareRuntime({ config, logger, cwd: process.cwd() });
  const mcp = createServer(runtime.deps);
  const { transport, release } = heldStdioTransport();
  transport.onerror = (err) => logger.warn(`dropped a malformed message: ${err.message}`);
  // Every trigger (stdin EOF, transport close, a signal) waits for the same shutdown, so a signal
  // arriving mid-shutdown cannot exit before app processes are stopped.
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await mcp.close().catch(() => {});
      await runtime.close();
    })());
  // The stdio transport does not close on stdin EOF (mcp-sdk-1.32.md G8), and the gRPC channel
  // would keep the process alive, so end-of-input is a shutdown.
  process.stdin.on('end', () => void shutdown().then(() => process.exit(0)));
  transport.onclose = () => void shutdown().then(() => process.exit(0));
  onShutdownSignal(shutdown);
  await mcp.server.connect(transport);
  // One turn of the event loop lets an initialize already waiting on stdin be answered first.
  await new Promise((resolve) => setImmediate(resolve));
  await runtime.start();
  if (stopping) return;
  release();
  logger.info(`ignite-mcp ${PACKAGE_VERSION} ready on stdio (${config.mode === 'local' ? 'embedded local Ignite' : config.endpoint})`);
}

/**
 * The stdio transport, holding every request and notification but `initialize` until `release()`.
 * Initialize needs nothing from Ignite, so it is answered while the gRPC contract loads and the
 * local Ignite starts, which are most of a cold start; everything else then runs in arrival order,
 * so no tool call, read or subscription runs before the Ignite client exists.
 */
function heldStdioTransport(): { transport: Transport; release(): void } {
  const stdio = new StdioServerTransport();
  let released = false;
  const held: JSONRPCMessage[] = [];
  const transport: Transport = {
    start: () => stdio.start(),
    send: (message) => stdio.send(message),
    close: () => stdio.close(),
  };
  stdio.onmessage = (message) => {
    const passes = released || !('method' in message) || message.method === 'initialize';
    if (passes) transport.onmessage?.(message);
    else held.push(message);
  };
  stdio.onerror = (err) => transport.onerror?.(err);
  stdio.onclose = () => transport.onclose?.();
  return {
    transport,
    release() {
      released = true;
      for (const message of held.splice(0)) transport.onmessage?.(message);
    },
  };
}

function onShutdownSignal(stop: () => Promise<void>): void {
  const handler = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const { message, hint } = describeError(err);
  process.stderr.write(`ignite-mcp: ${message}\n${hint ? `${hint}\n` : ''}`);
  process.exit(2);
});
