/**
 * `npm run demo`: the whole bring-your-own-image workflow through the MCP server, as an agent would
 * drive it: a real MCP client spawns `ignite-mcp` over stdio, which uses its embedded local Ignite.
 * Each step prints what was called and what came back.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'ignite-demo-'));
  const appDir = path.join(work, 'example-app');
  cpSync(path.join(root, 'test/fixtures/example-app'), appDir, { recursive: true });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(root, 'dist/bundle/ignite-mcp.js'), '--allowed-root', work],
    cwd: work,
    // The process engine unless told otherwise: the example app starts FROM node:20-alpine, which a
    // container engine would have to pull, and the demo must work offline on any machine.
    env: {
      IGNITE_MCP_DATA_DIR: process.env.IGNITE_MCP_DATA_DIR || path.join(work, 'ignite-data'),
      IGNITE_MCP_LOG_LEVEL: 'warn',
      IGNITE_MCP_LOCAL_IDLE_SECS: '30',
      IGNITE_MCP_ENGINE: process.env.IGNITE_MCP_ENGINE || 'process',
      ...(process.env.IGNITE_MCP_IMAGE_MAP ? { IGNITE_MCP_IMAGE_MAP: process.env.IGNITE_MCP_IMAGE_MAP } : {}),
    },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'ignite-demo', version: '1.0.0' });
  try {
    await client.connect(transport);
    const server = client.getServerVersion();
    out(`== connected to ${server?.name} ${server?.version} over stdio (local Ignite started in the background)`);
    out(`   tools: ${(await client.listTools()).tools.map((t) => t.name).join(', ')}`);

    // `printAfter` lets the build's log lines, which arrive through the subscription, print first.
    const call = async (
      name: string,
      args: Record<string, unknown>,
      printAfter?: () => Promise<void>,
    ): Promise<Record<string, unknown>> => {
      out(`\n== ${name} ${JSON.stringify(args)}`);
      const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;
      const text = result.content.map((c) => (c.type === 'text' ? c.text : c.type === 'resource_link' ? `(link) ${c.uri}` : '')).join('\n');
      await printAfter?.();
      out(text.replace(/^/gm, '   '));
      if (result.isError) throw new Error(`${name} failed`);
      return result.structuredContent ?? {};
    };

    await call('upload_context', { path: appDir, dry_run: true });
    await call('configure_app', { app_name: 'hello', ports: [8080], health_path: '/healthz' });
    const { build_id } = (await call('create_build', { name: 'hello', path: appDir })) as { build_id: string };

    const logsUri = `ignite://builds/${build_id}/logs`;
    out(`\n== subscribe ${logsUri}`);
    let after = 0;
    let complete = false;
    const readOn = async () => {
      const read = await client.readResource({ uri: after ? `${logsUri}?after=${after}` : logsUri });
      const content = read.contents[0] as { text?: string; _meta?: Record<string, unknown> };
      if (content.text) out(content.text.replace(/^/gm, '   | '));
      after = Number(content._meta?.['ignite/next_after'] ?? after);
      complete = content._meta?.['ignite/complete'] === true;
    };
    let reading = Promise.resolve();
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, () => {
      reading = reading.then(readOn);
    });
    await client.subscribeResource({ uri: logsUri });
    await call('get_build', { build_id, wait_seconds: 50 }, async () => {
      await reading;
      while (!complete) await readOn();
    });
    await client.unsubscribeResource({ uri: logsUri });

    await call('save_image_draft', { app_name: 'hello', build_id });
    await call('test_draft', { app_name: 'hello', payload: { message: 'hello from the draft' } });
    await call('publish_draft', { app_name: 'hello' });
    await call('invoke', { app_name: 'hello', payload: { message: 'hello, Ignite' } });
    out('\n== done: folder -> build -> draft -> test -> publish -> invoke');
  } finally {
    await client.close();
    // The local Ignite outlives the server that started it; this one's data is thrown away, so stop it.
    execFileSync(
      process.execPath,
      [path.join(root, 'dist/bundle/ignite-mcp.js'), 'local', 'stop', '--data-dir', path.join(work, 'ignite-data')],
      {
        stdio: 'ignore',
      },
    );
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
