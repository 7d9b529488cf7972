import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server.js';
import type { LocalIgniteOptions } from '../../src/local/server.js';

export interface Harness {
  client: Client;
  runtime: Runtime;
  /** Captured stderr of the server side (logs), for secret-hygiene checks. */
  logs: string[];
  /** A temp folder inside the server's allowed roots. */
  workDir: string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  argv?: string[];
  local?: Partial<LocalIgniteOptions>;
  clientCapabilities?: ConstructorParameters<typeof Client>[1];
}

/** A real MCP server over an in-memory transport, backed by a real local Ignite on 127.0.0.1:0. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-mcp-test-'));
  const config = loadConfig({ env: { ...options.env }, argv: options.argv ?? [], homeDir: workDir, cwd: workDir });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => void logs.push(line), secrets: () => (config.token ? [config.token] : []) });
  const runtime = await startRuntime({ config, logger, cwd: workDir, local: { dataDir: undefined, ...options.local } });
  const mcp = createServer(runtime.deps);
  const client = new Client({ name: 'harness', version: '0.0.0' }, options.clientCapabilities);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([mcp.server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    runtime,
    logs,
    workDir,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    async close() {
      await client.close();
      await mcp.close();
      await runtime.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result's first content item. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}
