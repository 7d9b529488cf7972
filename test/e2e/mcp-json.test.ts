import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { stopLocalIgnite } from '../helpers/daemon.js';
import { podmanStore } from '../../src/local/engines/podman-store.js';

interface McpJson {
  mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
}

describe('mcp.json', () => {
  it('starts a working server exactly as written (from the repository root)', async () => {
    const config = JSON.parse(readFileSync('mcp.json', 'utf8')) as McpJson;
    const entry = config.mcpServers.ignite;
    if (!entry) throw new Error('mcp.json has no "ignite" server');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mcp-json-'));
    const transport = new StdioClientTransport({
      command: entry.command === 'node' ? process.execPath : entry.command,
      args: entry.args,
      cwd: process.cwd(),
      env: { ...entry.env, IGNITE_MCP_DATA_DIR: dataDir },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'mcp-json', version: '0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(10);
      const listed = await client.callTool({ name: 'list_builds', arguments: {} });
      expect(listed.isError).toBeFalsy();
    } finally {
      await client.close();
      await stopLocalIgnite(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      // With podman here, `auto` gave the data directory a store whose runtime folder lives apart, under /run or the temp dir.
      rmSync(path.dirname(podmanStore(path.join(dataDir, 'engine')).runroot), { recursive: true, force: true });
    }
  });
});
