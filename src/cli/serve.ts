/**
 * `ignite-mcp` / `ignite-mcp serve`: the MCP server on stdio, what an MCP client starts. stdout is
 * the MCP wire; everything else goes to stderr.
 */
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../shared/log.js';
import { createLogger } from '../shared/log.js';
import { describeError, formatFailure } from '../shared/errors.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { prepareRuntime, type StartEmbeddedIgnite } from '../mcp/runtime.js';
import { createMisconfiguredServer, createServer } from '../mcp/server.js';
import { engineEnvironment } from './child-env.js';
import { onShutdownSignal } from './signals.js';
import { StdioLineGuard } from './stdio-line-guard.js';

export interface ServeOptions {
  /** stdin is a terminal: a person ran the command, so a failure to start is printed and ends it. */
  interactive: boolean;
}

export async function serveStdio(config: Readonly<Config>, logger: Logger, options: ServeOptions): Promise<void> {
  const runtime = prepareRuntime({
    config,
    logger,
    cwd: process.cwd(),
    startLocal: localIgniteStarter(config),
    // Secret values may be named by variable; they are read here, where the environment is.
    envValue: (name) => process.env[name],
  });
  const mcp = createServer(runtime.deps);
  const { transport, release, initializeAnswered } = heldStdioTransport(guardedStdin(logger, (message) => transport.send(message)));
  // The parser's message may quote the whole line (a Zod error lists every issue): one short line is enough.
  transport.onerror = (err) => logger.warn(`dropped a malformed message: ${err.message.split('\n', 1)[0]!.slice(0, 200)}`);
  // Every trigger (stdin EOF, transport close, a signal) waits for the same shutdown, so a signal
  // arriving mid-shutdown cannot exit before the client is closed and the lease given back.
  // The work starts a microtask later, so `stopping` is set before closing the transport calls
  // back into shutdown (transport.onclose); started inline, each call recursed until the stack ran out.
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= Promise.resolve().then(async () => {
      await mcp.close().catch(() => {});
      await runtime.close();
    }));
  // The stdio transport does not close on stdin EOF (docs/mcp-sdk.md G8), and the gRPC channel
  // would keep the process alive, so end-of-input is a shutdown.
  process.stdin.on('end', () => void shutdown().then(() => process.exit(0)));
  transport.onclose = () => void shutdown().then(() => process.exit(0));
  onShutdownSignal(shutdown);
  await mcp.server.connect(transport);
  // The runtime starts once initialize is answered (or a client that sends none waited a moment):
  // loading grpc-js and parsing the contract run synchronously for ~100 ms, and an initialize
  // that arrived during them was answered after them. One turn of the event loop, as before, was
  // not always enough for the request to be read first.
  await Promise.race([initializeAnswered, delay(INITIALIZE_WAIT_MS, undefined, { ref: false })]);
  let backend = config.endpoint ?? 'no Ignite reachable yet';
  try {
    const started = await runtime.start();
    if (started.local) backend = `local Ignite at ${started.local.endpoint}`;
  } catch (err) {
    if (options.interactive) throw err;
    // An MCP client may drop stderr: the server keeps serving, and every tool call tries again
    // and returns this failure (a data directory that is a file, a local Ignite that would not start).
    logger.error(`cannot reach Ignite yet: ${formatFailure(describeError(err, { secrets: runtime.deps.secrets() }))}`);
  }
  if (stopping) return;
  release();
  logger.info(`ignite-mcp ${PACKAGE_VERSION} ready on stdio (${backend})`);
}

/**
 * The local Ignite of the data directory, found running or started in the background
 * (daemon-starter.ts), loaded on first use: a remote-mode server never needs it.
 */
export function localIgniteStarter(config: Readonly<Config>): StartEmbeddedIgnite {
  return async (settings) => {
    const { connectLocalIgnite } = await import('./daemon-starter.js');
    const ignite = await connectLocalIgnite({
      dataDir: settings.dataDir,
      logger: settings.logger,
      idleSecs: config.localIdleSecs,
      logLevel: config.logLevel,
      command: { execPath: process.execPath, script: process.argv[1]! },
      engine: config.engine,
      // The engine's CLI needs HOME and its own settings; the image map is read where it is used.
      env: { ...engineEnvironment(process.env), ...imageMapVariable(process.env) },
    });
    if (ignite.record.engine !== undefined) {
      const { engineMismatch } = await import('../doctor/local-checks.js');
      const mismatch = engineMismatch(config, ignite.record.engine);
      if (mismatch) settings.logger.warn(`${mismatch.summary} (${settings.dataDir}): ${mismatch.fix}`);
    }
    return ignite;
  };
}

function imageMapVariable(env: NodeJS.ProcessEnv): Record<string, string> {
  return env.IGNITE_MCP_IMAGE_MAP ? { IGNITE_MCP_IMAGE_MAP: env.IGNITE_MCP_IMAGE_MAP } : {};
}

/**
 * The server for a broken configuration: it answers initialize (its instructions say what is
 * wrong), lists the usual tools, and every tool call returns the problem, so the agent can tell
 * the user what to set. It ends on stdin EOF like the real one.
 */
export async function serveMisconfigured(failure: string): Promise<void> {
  const logger = createLogger({ level: 'warn' });
  const mcp = createMisconfiguredServer(failure);
  const { transport, release } = heldStdioTransport(guardedStdin(logger, (message) => transport.send(message)));
  const exit = () => void mcp.close().finally(() => process.exit(2));
  process.stdin.on('end', exit);
  transport.onclose = exit;
  onShutdownSignal(() => mcp.close());
  await mcp.server.connect(transport);
  release();
}

/**
 * The stdio transport, holding every request and notification but `initialize` until `release()`.
 * Initialize needs nothing from Ignite, so it is answered while the gRPC contract loads and the
 * local Ignite starts, which are most of a cold start; everything else then runs in arrival order,
 * so no tool call, read or subscription runs before the Ignite client exists.
 */
function heldStdioTransport(stdin: Readable): { transport: Transport; release(): void; initializeAnswered: Promise<void> } {
  // The guard passes only lines up to its limit, so this buffer never fills and closes the transport.
  const stdio = new StdioServerTransport(stdin, process.stdout, { maxBufferSize: 2 * MAX_MESSAGE_BYTES + 2 });
  let released = false;
  const held: JSONRPCMessage[] = [];
  let initializeId: string | number | undefined;
  let answered!: () => void;
  const initializeAnswered = new Promise<void>((resolve) => (answered = resolve));
  const transport: Transport = {
    start: () => stdio.start(),
    send: async (message) => {
      await stdio.send(message);
      if (initializeId !== undefined && 'id' in message && message.id === initializeId && !('method' in message)) answered();
    },
    close: () => stdio.close(),
  };
  stdio.onmessage = (message) => {
    if ('method' in message && message.method === 'initialize' && 'id' in message) initializeId ??= message.id;
    const passes = released || !('method' in message) || message.method === 'initialize';
    if (passes) transport.onmessage?.(message);
    else held.push(message);
  };
  stdio.onerror = (err) => transport.onerror?.(err);
  stdio.onclose = () => transport.onclose?.();
  return {
    transport,
    initializeAnswered,
    release() {
      released = true;
      for (const message of held.splice(0)) transport.onmessage?.(message);
    },
  };
}

/** How long the runtime waits for an initialize to answer first, when none came. */
const INITIALIZE_WAIT_MS = 200;

/** The SDK's own limit for one message; a longer line is dropped and answered instead of ending the session. */
const MAX_MESSAGE_BYTES = STDIO_DEFAULT_MAX_BUFFER_SIZE;

/** stdin behind a guard that drops an oversized line, logs it, and answers it when it was a request. */
function guardedStdin(logger: Logger, send: (message: JSONRPCMessage) => Promise<void>): Readable {
  const guard = new StdioLineGuard(
    MAX_MESSAGE_BYTES,
    ({ bytes, requestId }) => {
      logger.warn(`dropped a message of ${bytes} bytes: over the ${MAX_MESSAGE_BYTES} byte limit`);
      if (requestId === undefined) return;
      const message = `request too large: ${bytes} bytes, over the ${MAX_MESSAGE_BYTES} byte limit of one message; send less (e.g. a smaller payload)`;
      void send({ jsonrpc: '2.0', id: requestId, error: { code: ErrorCode.InvalidRequest, message } }).catch(() => {});
    },
    ({ id, method, message }) => {
      logger.warn(`answered a ${method} request whose params is not an object with -32602`);
      void send({ jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message } }).catch(() => {});
    },
  );
  return process.stdin.pipe(guard);
}
