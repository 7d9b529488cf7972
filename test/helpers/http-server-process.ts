import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { requireBuiltBin } from './bin.js';

export interface HttpServerProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** The shipped command as `serve --http --port 0`, resolved once it says where it listens. */
export async function startHttpServerProcess(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [requireBuiltBin(), 'serve', '--http', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, IGNITE_MCP_ENGINE: 'process', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no HTTP address within 20 s; stderr:\n${stderr}`)), 20_000);
    child.stderr!.on('data', () => {
      const found = /serving MCP over HTTP at (http:\/\/\S+)/.exec(stderr)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening; stderr:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function httpClient(url: string, headers: Record<string, string>, capabilities: ConstructorParameters<typeof Client>[1] = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'http-test', version: '0.0.0' }, capabilities);
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
    return result.structuredContent as Record<string, unknown>;
  };
  return { client, transport, call };
}
