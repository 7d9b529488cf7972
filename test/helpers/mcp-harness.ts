import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/shared/log.js';
import { startRuntime, type Runtime } from '../../src/mcp/runtime.js';
import { createServer } from '../../src/mcp/server.js';
import { startLocalIgnite, type LocalIgnite, type LocalIgniteOptions } from '../../src/local/server.js';
import { CANARY, canaryIn } from './canary.js';

export { CANARY } from './canary.js';

export interface Harness {
  client: Client;
  runtime: Runtime;
  /** The local Ignite behind the server: standalone (remote mode) or embedded. */
  local: LocalIgnite;
  /** Captured stderr of the server side (logs), for secret-hygiene checks. */
  logs: string[];
  /** A temp folder inside the server's allowed roots. */
  workDir: string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /**
   * How many structured results the client has checked against the advertised output schemas. The
   * harness lists the tools first, so every call's structured content is validated as a real
   * client validates it (Ajv), and a result that does not match fails the call.
   */
  outputValidations(): number;
  /** Every place the canary reached the client or the server's log so far. */
  canaryLeaks(): string[];
  /** Closes everything, then fails if the canary leaked anywhere. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  argv?: string[];
  local?: Partial<LocalIgniteOptions>;
  clientCapabilities?: ConstructorParameters<typeof Client>[1];
  /**
   * 'remote' (default): a standalone local Ignite that requires the canary as its token, reached as
   * a remote endpoint with DODIL_TOKEN set, so every call carries the canary. 'embedded': the
   * server starts its own local Ignite, as with no endpoint configured.
   */
  mode?: 'remote' | 'embedded';
}

/** A real MCP server over an in-memory transport, backed by a real local Ignite on 127.0.0.1:0. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-mcp-test-'));
  const mode = options.mode ?? 'remote';
  const standalone =
    mode === 'remote' ? await startLocalIgnite({ dataDir: undefined, requiredToken: CANARY, ...options.local }) : undefined;
  const env = standalone
    ? { IGNITE_API_ENDPOINT: standalone.endpoint, DODIL_TOKEN: CANARY, IGNITE_ORG_NAME: 'local', ...options.env }
    : { ...options.env };
  const config = loadConfig({ env, argv: options.argv ?? [], homeDir: workDir, cwd: workDir });
  const logs: string[] = [];
  const leaks: string[] = [];
  // The same scrubbing as the stdio entry point's logger, so the check covers what a user would see.
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      logs.push(line);
      const leak = canaryIn(line, 'server log');
      if (leak) leaks.push(leak);
    },
    secrets: () => (config.token ? [config.token] : []),
  });
  let embedded: LocalIgnite | undefined;
  const runtime = await startRuntime({
    config,
    logger,
    cwd: workDir,
    startLocal: async (settings) => (embedded = await startLocalIgnite({ ...settings, dataDir: undefined, ...options.local })),
  });
  const local = standalone ?? embedded!;
  const mcp = createServer(runtime.deps);
  let validations = 0;
  const ajv = new AjvJsonSchemaValidator();
  const countingValidator: jsonSchemaValidator = {
    getValidator<T>(schema: Parameters<jsonSchemaValidator['getValidator']>[0]) {
      const validate = ajv.getValidator<T>(schema);
      return (input: unknown) => {
        validations++;
        return validate(input);
      };
    },
  };
  const client = new Client(
    { name: 'harness', version: '0.0.0' },
    { ...options.clientCapabilities, jsonSchemaValidator: countingValidator },
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  // Everything the client receives passes here: results, errors, resource reads, prompts, notifications.
  const send = serverTransport.send.bind(serverTransport);
  serverTransport.send = (message: JSONRPCMessage, sendOptions) => {
    const leak = canaryIn(JSON.stringify(message), `to the client (${describeMessage(message)})`);
    if (leak) leaks.push(leak);
    return send(message, sendOptions);
  };
  await Promise.all([mcp.server.connect(serverTransport), client.connect(clientTransport)]);
  await client.listTools();
  let closing: Promise<void> | undefined;
  return {
    client,
    runtime,
    local,
    logs,
    workDir,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    outputValidations: () => validations,
    canaryLeaks: () => [...leaks],
    close() {
      closing ??= (async () => {
        await client.close();
        await mcp.close();
        await runtime.close();
        await standalone?.close();
        rmSync(workDir, { recursive: true, force: true });
        if (leaks.length > 0) throw new Error(`the canary token leaked ${leaks.length} time(s):\n${leaks.slice(0, 5).join('\n')}`);
      })();
      return closing;
    },
  };
}

function describeMessage(message: JSONRPCMessage): string {
  if ('method' in message) return message.method;
  if ('error' in message) return `error response to ${String(message.id)}`;
  return `result of ${String(message.id)}`;
}

/** The text of a tool result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}
