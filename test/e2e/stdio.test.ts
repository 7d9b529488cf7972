import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { requireBuiltBin } from '../helpers/bin.js';
import { CANARY } from '../helpers/canary.js';
import { lockHolderOf, processesIn, stopLocalIgnite } from '../helpers/daemon.js';
import { processStat } from '../../src/shared/processes.js';

const BIN = requireBuiltBin();
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ignite-e2e-'));
  cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
});
afterAll(async () => {
  for (const data of ['data', 'data2']) await stopLocalIgnite(path.join(work, data));
  rmSync(work, { recursive: true, force: true });
});

/** App processes run inside their image's files, under the data directory. */
const processesMentioning = processesIn;

describe('the built binary over stdio', () => {
  it('runs the workflow on the local Ignite, logs only to stderr, and leaves the app with the local Ignite, not with itself', async () => {
    const dataDir = path.join(work, 'data');
    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--allowed-root', work],
      cwd: work,
      // The canary as a token with no endpoint: the server stays local, sends it nowhere and never prints it.
      env: {
        IGNITE_MCP_DATA_DIR: dataDir,
        IGNITE_MCP_LOG_LEVEL: 'debug',
        DODIL_TOKEN: CANARY,
        IGNITE_MCP_LOCAL_IDLE_SECS: '60',
        IGNITE_MCP_ENGINE: 'process',
      },
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
    // The app is a child of the local Ignite, which outlives the server until it is idle.
    const daemon = lockHolderOf(dataDir)!.pid;
    expect(processesMentioning(dataDir).map((app) => processStat(app)?.ppid)).toContain(daemon);
    expect(stderr.join('')).toMatch(/using the local Ignite at unix:/);
    expect(stderr.join('')).not.toContain(CANARY);
  });

  it('keeps its state across a restart, and on SIGTERM exits, leaving the app to the local Ignite', async () => {
    const dataDir = path.join(work, 'data');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--allowed-root', work],
      cwd: work,
      env: { IGNITE_MCP_DATA_DIR: dataDir, IGNITE_MCP_LOCAL_IDLE_SECS: '60', IGNITE_MCP_ENGINE: 'process' },
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
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    await client.close().catch(() => undefined);
    await stopLocalIgnite(dataDir);
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('writes nothing but JSON-RPC to stdout and exits on stdin EOF', async () => {
    const child = spawn(process.execPath, [BIN], {
      cwd: work,
      env: { ...process.env, IGNITE_MCP_DATA_DIR: path.join(work, 'data2'), IGNITE_MCP_LOCAL_IDLE_SECS: '5', IGNITE_MCP_ENGINE: 'process' },
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
