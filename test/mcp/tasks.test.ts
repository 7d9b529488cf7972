import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../../src/config/config.js';
import { startRuntime } from '../../src/mcp/runtime.js';
import { createServer } from '../../src/mcp/server.js';
import { silentLogger } from '../../src/shared/log.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'mcp-tasks-'));
cpSync(path.resolve('test/fixtures/example-app'), path.join(home, 'app'), { recursive: true });
let ignite: LocalIgnite;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  // Slow steps, so a build lasts long enough to be watched and cancelled as a task.
  ignite = await startLocalIgnite({ limits: { buildStepDelayMs: 150 } });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await ignite.close();
  rmSync(home, { recursive: true, force: true });
});

/** A fresh MCP server (as after a restart) on the same Ignite, with an SDK client that declares tasks. */
async function connect(): Promise<{ client: Client; close(): Promise<void> }> {
  const config = loadConfig({
    env: { IGNITE_API_ENDPOINT: ignite.endpoint, IGNITE_MCP_ALLOWED_ROOTS: home },
    argv: [],
    homeDir: home,
    cwd: home,
  });
  const runtime = await startRuntime({ config, logger: silentLogger, cwd: home });
  const mcp = createServer(runtime.deps);
  const client = new Client({ name: 'tasks-test', version: '0' }, { capabilities: { tasks: { requests: {}, cancel: {} } } as never });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);
  await client.listTools();
  const close = async () => {
    await client.close();
    await mcp.close();
    await runtime.close();
  };
  closers.push(close);
  return { client, close };
}

const buildArgs = { name: 'as-task', path: path.join(home, 'app') };

describe('create_build as an MCP task', () => {
  it('lists create_build and save_image_draft with optional task support', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(
      tools
        .filter((tool) => tool.execution?.taskSupport === 'optional')
        .map((tool) => tool.name)
        .sort(),
    ).toEqual(['create_build', 'save_image_draft']);
    expect(client.getServerCapabilities()?.tasks).toMatchObject({ requests: { tools: { call: {} } }, cancel: {} });
  });

  it('is created working, follows the build, and completes with the final build record', async () => {
    const { client } = await connect();
    const statuses: string[] = [];
    let result: { structuredContent?: Record<string, unknown> } | undefined;
    for await (const message of client.experimental.tasks.callToolStream(
      { name: 'create_build', arguments: buildArgs },
      CallToolResultSchema,
      { task: { ttl: 60_000 } },
    )) {
      if (message.type === 'taskCreated' || message.type === 'taskStatus') statuses.push(message.task.status);
      if (message.type === 'result') result = message.result as typeof result;
      if (message.type === 'error') throw message.error;
    }
    expect(statuses[0]).toBe('working');
    expect(statuses.at(-1)).toBe('completed');
    const build = result?.structuredContent?.build as { status: string; build_id: string; image_refs: string[] };
    expect(build.status).toBe('SUCCEEDED');
    expect(build.image_refs[0]).toMatch(/^localhost\/local\/as-task:latest$/);
  });

  it('a plain call (no task) still answers at once with the build id, the build still running', async () => {
    const { client } = await connect();
    const result = (await client.callTool({ name: 'create_build', arguments: buildArgs })) as unknown as {
      structuredContent: { build_id: string; build: { terminal: boolean } };
    };
    expect(result.structuredContent.build_id).toMatch(/^bld_/);
    expect(result.structuredContent.build.terminal).toBe(false);
  });

  it('tasks/cancel cancels the build itself', async () => {
    const { client } = await connect();
    const created = await client.request(
      { method: 'tools/call', params: { name: 'create_build', arguments: buildArgs, task: { ttl: 60_000 } } },
      (await import('@modelcontextprotocol/sdk/experimental/tasks')).CreateTaskResultSchema,
    );
    const { taskId } = created.task;
    await client.experimental.tasks.cancelTask(taskId);
    const deadline = Date.now() + 20_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await client.experimental.tasks.getTask(taskId)).status;
      const build = (await client.callTool({ name: 'list_builds', arguments: { name: 'as-task' } })) as unknown as {
        structuredContent: { builds: Array<{ status: string }> };
      };
      if (build.structuredContent.builds[0]?.status === 'CANCELLED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe('cancelled');
    const builds = (await client.callTool({ name: 'list_builds', arguments: { name: 'as-task' } })) as unknown as {
      structuredContent: { builds: Array<{ status: string }> };
    };
    expect(builds.structuredContent.builds[0]?.status).toBe('CANCELLED');
  });

  it('is read after a server restart: its state comes from the build, not from memory', async () => {
    const first = await connect();
    const created = await first.client.request(
      { method: 'tools/call', params: { name: 'create_build', arguments: buildArgs, task: { ttl: 60_000 } } },
      (await import('@modelcontextprotocol/sdk/experimental/tasks')).CreateTaskResultSchema,
    );
    await first.close();
    const second = await connect();
    const { taskId } = created.task;
    const result = await second.client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect((result.structuredContent as { build: { status: string } }).build.status).toBe('SUCCEEDED');
    expect((await second.client.experimental.tasks.getTask(taskId)).status).toBe('completed');
  });
});

describe('progress as a keep-alive', () => {
  it('a long call that asked for progress hears from the server while it waits in silence', async () => {
    const quiet = await startLocalIgnite({ limits: { buildStepDelayMs: 6000 } });
    closers.push(() => quiet.close());
    const config = loadConfig({
      env: { IGNITE_API_ENDPOINT: quiet.endpoint, IGNITE_MCP_ALLOWED_ROOTS: home },
      argv: [],
      homeDir: home,
      cwd: home,
    });
    const runtime = await startRuntime({ config, logger: silentLogger, cwd: home });
    const mcp = createServer(runtime.deps);
    const client = new Client({ name: 'keep-alive', version: '0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([mcp.server.connect(serverSide), client.connect(clientSide)]);
    closers.push(async () => {
      await client.close();
      await mcp.close();
      await runtime.close();
    });
    const started = (await client.callTool({
      name: 'create_build',
      arguments: { name: 'quiet', path: path.join(home, 'app') },
    })) as unknown as {
      structuredContent: { build_id: string };
    };
    const progress: Array<{ progress: number; message?: string }> = [];
    // After its first lines the build is silent for 6 s before its first step: only the keep-alive speaks then.
    await client.callTool({ name: 'get_build', arguments: { build_id: started.structuredContent.build_id, wait_seconds: 5 } }, undefined, {
      onprogress: (event) => void progress.push(event),
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((event, i) => i === 0 || event.progress > progress[i - 1]!.progress)).toBe(true);
    expect(progress.some((event) => /^still /.test(event.message ?? ''))).toBe(true);
  });
});
