import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let clientRoot: string;
let roots: { uri: string; name: string }[];
beforeAll(async () => {
  clientRoot = mkdtempSync(path.join(os.tmpdir(), 'client-root-'));
  cpSync(path.resolve('test/fixtures/example-app'), path.join(clientRoot, 'app'), { recursive: true });
  roots = [{ uri: pathToFileURL(clientRoot).href, name: 'project' }];
  harness = await startHarness({ clientCapabilities: { capabilities: { roots: { listChanged: true } } } });
  harness.client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots }));
});
afterAll(async () => {
  await harness.close();
  rmSync(clientRoot, { recursive: true, force: true });
});

describe("the client's MCP roots decide where tools may read", () => {
  it("reads inside a client root, and refuses the server's own folder once the client offers roots", async () => {
    const inside = await harness.call('upload_context', { path: path.join(clientRoot, 'app'), dry_run: true });
    expect(inside.isError).toBeFalsy();
    mkdirSync(path.join(harness.workDir, 'server-side'), { recursive: true });
    const outside = await harness.call('upload_context', { path: path.join(harness.workDir, 'server-side'), dry_run: true });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toContain(clientRoot);
  });

  it('follows roots/list_changed', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'client-root-2-'));
    try {
      cpSync(path.resolve('test/fixtures/example-app'), path.join(other, 'app'), { recursive: true });
      expect((await harness.call('upload_context', { path: path.join(other, 'app'), dry_run: true })).isError).toBe(true);
      roots = [{ uri: pathToFileURL(other).href, name: 'moved' }];
      await harness.client.sendRootsListChanged();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await harness.call('upload_context', { path: path.join(other, 'app'), dry_run: true })).isError).toBeFalsy();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('a client that declares roots but lists no file:// folder (issue 10: roots failed open)', () => {
  it.each([
    ['no roots at all', []],
    ['only non-file roots', [{ uri: 'https://example.com/repo', name: 'web' }]],
  ])('means no folder, not the working directory: %s', async (_name, listed) => {
    const closed = await startHarness({ clientCapabilities: { capabilities: { roots: { listChanged: true } } } });
    try {
      closed.client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: listed }));
      cpSync(path.resolve('test/fixtures/example-app'), path.join(closed.workDir, 'app'), { recursive: true });
      // The server's working directory is closed.workDir, which the fallback used to allow.
      const result = await closed.call('upload_context', { path: path.join(closed.workDir, 'app'), dry_run: true });
      expect(result.isError).toBe(true);
      // The SDK itself refuses a roots/list answer with a non-file URI; either way no folder is allowed.
      expect(textOf(result)).toMatch(/the MCP client declares roots but lists no file:\/\/ folder|could not list the MCP client's roots/);
      expect(textOf(result)).toContain('no folder may be read');
    } finally {
      await closed.close();
    }
  });
});
