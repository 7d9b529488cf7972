import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Resource, TextResourceContents, Tool } from '@modelcontextprotocol/sdk/types.js';
import { RESOURCE_MIME_TYPE, registerAppResource, registerAppTool } from '@modelcontextprotocol/ext-apps/server';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/ext-apps/app-bridge';
import { createMisconfiguredServer } from '../../src/mcp/server.js';
import { DEPLOY_PANEL_URI } from '../../src/mcp/ui/deploy-panel.js';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';

/** The tools whose results the panel renders (issue 16): builds, and the app tools around a deploy. */
const LINKED = [
  'create_build',
  'get_build',
  'save_image_draft',
  'test_draft',
  'publish_draft',
  'invoke',
  'get_app',
  'list_versions',
  'rollback_app',
];
const UI_SOURCES = path.resolve('ui/panel');

let harness: Harness;
let tools: Tool[];
let listed: Resource | undefined;
let content: TextResourceContents & { _meta?: Record<string, any> };

beforeAll(async () => {
  harness = await startHarness();
  tools = (await harness.client.listTools()).tools;
  listed = (await harness.client.listResources()).resources.find((resource) => resource.uri === DEPLOY_PANEL_URI);
  content = (await harness.client.readResource({ uri: DEPLOY_PANEL_URI })).contents[0] as typeof content;
});
afterAll(() => harness.close());

/** What a server made with ext-apps' own helpers lists, for comparison with ours. */
async function listedByHelpers(): Promise<{ resources: Resource[]; tools: Tool[] }> {
  const server = new McpServer({ name: 'helpers', version: '0' });
  registerAppResource(
    server,
    'deploy-panel',
    DEPLOY_PANEL_URI,
    { title: listed?.title, description: listed?.description, _meta: listed?._meta },
    () => ({
      contents: [],
    }),
  );
  registerAppTool(server, 'linked', { _meta: { ui: { resourceUri: DEPLOY_PANEL_URI } }, outputSchema: { x: z.string() } }, () => ({
    content: [],
    structuredContent: { x: '' },
  }));
  const client = new Client({ name: 'c', version: '0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  const out = { resources: (await client.listResources()).resources, tools: (await client.listTools()).tools };
  await client.close();
  return out;
}

describe('the deploy panel resource', () => {
  it('is listed as ext-apps registerAppResource lists it, with a CSP that allows nothing outside it', async () => {
    expect(listed).toBeDefined();
    expect((await listedByHelpers()).resources).toEqual([listed]);
    expect(listed!.mimeType).toBe(RESOURCE_MIME_TYPE);
    const ui = { csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] }, prefersBorder: true };
    expect(listed!._meta).toEqual({ ui });
    expect(content).toMatchObject({ uri: DEPLOY_PANEL_URI, mimeType: RESOURCE_MIME_TYPE, _meta: { ui } });
  });

  it('is one HTML file under 150 KB whose own policy admits only its inline script and style, by hash', () => {
    const html = content.text;
    expect(Buffer.byteLength(html)).toBeLessThan(150 * 1024);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const hash = (tag: string) => {
      const inline = [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
      expect(inline, `one inline <${tag}>`).toHaveLength(1);
      return `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`;
    };
    expect(policy?.split('; ')).toEqual([
      "default-src 'none'",
      `script-src ${hash('script')}`,
      `style-src ${hash('style')}`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
  });

  it('speaks a protocol version ext-apps AppBridge supports', () => {
    const version = /PROTOCOL_VERSION = '([^']+)'/.exec(readFileSync(path.join(UI_SOURCES, 'host-bridge.ts'), 'utf8'))?.[1];
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(version);
  });

  it('never parses text as HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval in the view', () => {
    const offenders = readdirSync(UI_SOURCES)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        readFileSync(path.join(UI_SOURCES, file), 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
          .filter((line) =>
            /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]style/.test(line),
          )
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe('the link from the tools', () => {
  it('is on exactly the build and deploy tools, written as ext-apps registerAppTool writes it', async () => {
    const {
      tools: [helperTool],
    } = await listedByHelpers();
    expect(
      tools
        .filter((tool) => tool._meta)
        .map((tool) => tool.name)
        .sort(),
    ).toEqual([...LINKED].sort());
    for (const name of LINKED) expect(tools.find((tool) => tool.name === name)!._meta, name).toEqual(helperTool!._meta);
  });

  it('leaves a misconfigured server rendering its failures in the same panel', async () => {
    const mcp = createMisconfiguredServer('broken configuration');
    const client = new Client({ name: 'c', version: '0' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([mcp.server.connect(a), client.connect(b)]);
    try {
      const read = await client.readResource({ uri: DEPLOY_PANEL_URI });
      expect(read.contents[0]).toMatchObject({ mimeType: RESOURCE_MIME_TYPE, text: content.text });
      const linked = (await client.listTools()).tools.filter((tool) => tool._meta).map((tool) => tool.name);
      expect(linked.sort()).toEqual([...LINKED].sort());
    } finally {
      await client.close();
      await mcp.close();
    }
  });
});
