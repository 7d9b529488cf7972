import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CANARY } from '../helpers/canary.js';

const BIN = path.resolve('dist/src/main.js');
let work: string;

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
  work = mkdtempSync(path.join(os.tmpdir(), 'ignite-e2e-'));
  cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Processes whose working directory is under `dir` (app processes run inside their image's files). */
function processesMentioning(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(pid);
    } catch {
      continue;
    }
  }
  return found;
}

describe('the built binary over stdio', () => {
  it('runs the workflow on the embedded local Ignite, logs only to stderr, and leaves nothing running', async () => {
    const dataDir = path.join(work, 'data');
    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--allowed-root', work],
      cwd: work,
      // The canary as a token with no endpoint: the server stays local, sends it nowhere and never prints it.
      env: { IGNITE_MCP_DATA_DIR: dataDir, IGNITE_MCP_LOG_LEVEL: 'debug', DODIL_TOKEN: CANARY, IGNITE_MCP_ENGINE: 'process' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => void stderr.push(String(chunk)));
    const client = new Client({ name: 'e2e', version: '0.0.0' });
    await client.connect(transport);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
      return result.structuredContent as Record<string, unknown>;
    };
    expect(client.getServerVersion()?.name).toBe('ignite-mcp');
    expect(client.getInstructions()).toMatch(/configure_app/);
    await call('configure_app', { app_name: 'e2e', ports: [8080] });
    const { build_id } = (await call('create_build', { name: 'e2e', path: 'app' })) as { build_id: string };
    const done = (await call('get_build', { build_id, wait_seconds: 40 })) as { build: { status: string } };
    expect(done.build.status).toBe('SUCCEEDED');
    await call('save_image_draft', { app_name: 'e2e', build_id });
    await call('publish_draft', { app_name: 'e2e' });
    const invoked = (await call('invoke', { app_name: 'e2e', payload: { over: 'stdio' } })) as { status_code: number; body: string };
    expect(invoked.status_code).toBe(200);
    expect(JSON.parse(invoked.body).echo).toEqual({ over: 'stdio' });
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);

    const pid = transport.pid!;
    await client.close();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isAlive(pid)).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(stderr.join('')).toMatch(/using the embedded local Ignite/);
    expect(stderr.join('')).not.toContain(CANARY);
  });

  it('keeps its state across a restart, and on SIGTERM stops the app processes and exits', async () => {
    const dataDir = path.join(work, 'data');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--allowed-root', work],
      cwd: work,
      env: { IGNITE_MCP_DATA_DIR: dataDir, IGNITE_MCP_ENGINE: 'process' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e-restart', version: '0.0.0' });
    await client.connect(transport);
    // The app published by the previous server is still there; its process starts on demand.
    const invoked = (await client.callTool({
      name: 'invoke',
      arguments: { app_name: 'e2e', payload: { after: 'restart' } },
    })) as CallToolResult;
    expect(invoked.isError).toBeFalsy();
    expect(JSON.parse((invoked.structuredContent as { body: string }).body).echo).toEqual({ after: 'restart' });
    const listed = (await client.callTool({ name: 'list_builds', arguments: {} })) as CallToolResult;
    expect((listed.structuredContent as { builds: unknown[] }).builds.length).toBeGreaterThan(0);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);

    const pid = transport.pid!;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isAlive(pid)).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
    await client.close().catch(() => undefined);
  });

  it('writes nothing but JSON-RPC to stdout and exits on stdin EOF', async () => {
    const child = spawn(process.execPath, [BIN], {
      cwd: work,
      env: { ...process.env, IGNITE_MCP_DATA_DIR: path.join(work, 'data2'), IGNITE_MCP_ENGINE: 'process' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    };
    child.stdin.write(`${JSON.stringify(initialize)}\n`);
    child.stdin.write('this is not json\n');
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
    await waitFor(() => stdout.includes('"id":2'));
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
  });

  it('answers --help and --version without starting a server', () => {
    expect(execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })).toMatch(/ignite-mcp local/);
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
