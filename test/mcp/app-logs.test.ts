import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceUpdatedNotificationSchema, type CallToolResult, type ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { registerExampleImage, exampleAppConfig } from '../helpers/fixture-image.js';
import { CANARY, SECRET_VALUE_CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

/**
 * read_app_logs and ignite://apps/{app}/logs through a real MCP client on the local Ignite (process
 * engine). The app prints one stdout line per request with the execution id it was sent, so the
 * attribution the local Ignite records can be checked against the app's own word; it also prints
 * the token and a stored secret value when asked, which must come out redacted.
 */
const SERVER = `'use strict';
const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  const url = new URL('http://app' + req.url);
  console.log(process.env.APP_VERSION + ' ' + req.method + ' ' + url.pathname + ' execution=' + req.headers['x-ignite-execution-id']);
  if (url.pathname === '/fail') {
    console.error('TypeError: cannot read properties of undefined (reading total)');
    res.writeHead(500);
    return res.end('boom');
  }
  if (url.pathname === '/leak') console.log('token ' + process.env.LEAKED_TOKEN + ' secret ' + process.env.LEAKED_SECRET);
  if (url.pathname === '/many') for (let i = 1; i <= 30; i++) console.log('line ' + i);
  res.end('ok');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

let harness: Harness;
const updates: string[] = [];

function structured<T = Record<string, any>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

const logs = (args: Record<string, unknown>) => harness.call('read_app_logs', { app_name: 'talky', ...args });
const linkOf = (result: CallToolResult) => result.content.find((item): item is ResourceLink => item.type === 'resource_link');
const textOfRead = async (uri: string) =>
  (await harness.client.readResource({ uri })).contents[0] as { text: string; _meta: Record<string, unknown> };

beforeAll(async () => {
  harness = await startHarness({ serverEnv: { TALKY_PASSWORD: SECRET_VALUE_CANARY } });
  harness.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
  // The stored secret joins the local Ignite's vault, so it knows the value to mask.
  structured(
    await harness.call('create_secret', {
      name: 'talky-registry',
      type: 'registry',
      username: 'bot',
      server_address: 'localhost',
      value_env: 'TALKY_PASSWORD',
    }),
  );
  const image = registerExampleImage(harness.local, {
    name: 'talky',
    files: { 'app/server.js': SERVER },
    config: exampleAppConfig({
      env: { HOME: '/tmp/ignite', APP_VERSION: 'talky', LEAKED_TOKEN: CANARY, LEAKED_SECRET: SECRET_VALUE_CANARY },
    }),
  });
  structured(await harness.call('configure_app', { app_name: 'talky' }));
  structured(await harness.call('save_image_draft', { app_name: 'talky', image_ref: image.ref }));
}, 30_000);
afterAll(() => harness.close());

describe('read_app_logs', () => {
  it("leads from a test_draft result to the draft's own lines, by the execution id in its link", async () => {
    const tested = await harness.call('test_draft', { app_name: 'talky', method: 'GET', path: '/hello' });
    const { execution_id } = structured(tested);
    const link = linkOf(tested);
    expect(link?.uri).toBe(`ignite://apps/talky/logs?execution_id=${execution_id}`);
    const read = await textOfRead(link!.uri);
    expect(read.text.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^\\d+\\tdraft ${execution_id}\\ttalky GET /hello execution=${execution_id}$`)),
    ]);
    const draftOnly = structured(await logs({ draft: true }));
    expect(draftOnly.lines.length).toBeGreaterThan(1);
    expect(draftOnly.lines.every((line: { version: number }) => line.version === 0)).toBe(true);
  });

  it('reads the failing lines of one invocation by execution id, and errors mode finds the error', async () => {
    structured(await harness.call('publish_draft', { app_name: 'talky' }));
    const failed = await harness.call('invoke', { app_name: 'talky', method: 'GET', path: '/fail' });
    const { execution_id, status_code } = structured(failed);
    expect(status_code).toBe(500);
    expect(linkOf(failed)?.uri).toBe(`ignite://apps/talky/logs?execution_id=${execution_id}`);
    const own = structured(await logs({ execution_id }));
    expect(own.lines.map((line: { text: string }) => line.text)).toEqual([
      `talky GET /fail execution=${execution_id}`,
      'TypeError: cannot read properties of undefined (reading total)',
    ]);
    expect(
      own.lines.every((line: { version: number; execution_id: string }) => line.version === 1 && line.execution_id === execution_id),
    ).toBe(true);
    const errors = structured(await logs({ mode: 'errors' }));
    expect(errors.first_error.text).toMatch(/^TypeError: cannot read/);
    expect(structured(await logs({ version: 1 })).lines.every((line: { version: number }) => line.version === 1)).toBe(true);
    expect(structured(await logs({ version: 9 })).lines).toEqual([]);
  });

  it('pages with head and the cursor, and tail shows the newest lines', async () => {
    const { execution_id } = structured(await harness.call('invoke', { app_name: 'talky', method: 'GET', path: '/many' }));
    const first = await logs({ execution_id, max_lines: 5 });
    const page = structured(first);
    expect(page.lines.map((line: { text: string }) => line.text)).toEqual([
      `talky GET /many execution=${execution_id}`,
      'line 1',
      'line 2',
      'line 3',
      'line 4',
    ]);
    expect(page.omitted_lines).toBe(26);
    expect(textOf(first)).toContain(`more: read_app_logs with cursor ${page.next_cursor}`);
    const second = structured(await logs({ execution_id, max_lines: 5, cursor: page.next_cursor }));
    expect(second.lines[0].text).toBe('line 5');
    const tail = structured(await logs({ execution_id, mode: 'tail', max_lines: 3 }));
    expect(tail.lines.map((line: { text: string }) => line.text)).toEqual(['line 28', 'line 29', 'line 30']);
  });

  it('answers NOT_FOUND for an app that does not exist as an error result with a next step', async () => {
    const result = await harness.call('read_app_logs', { app_name: 'nope' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/nope.*not found/i);
  });

  it('never shows the token or a stored secret value the app printed', async () => {
    const { execution_id } = structured(await harness.call('invoke', { app_name: 'talky', method: 'GET', path: '/leak' }));
    const result = await logs({ execution_id });
    expect(textOf(result)).toMatch(/token \[REDACTED:[a-z-]+\] secret \[REDACTED:[a-z-]+\]/);
    expect((await textOfRead(`ignite://apps/talky/logs?execution_id=${execution_id}`)).text).toContain('[REDACTED:');
    expect(harness.canaryLeaks()).toEqual([]);
  });
});

describe('the app log resource', () => {
  it('is listed as a template, and reads on with ?after', async () => {
    const templates = (await harness.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toEqual(expect.arrayContaining(['ignite://apps/{app_name}/logs', 'ignite://apps/{app_name}/logs{+query}']));
    const all = await textOfRead('ignite://apps/talky/logs');
    const last = all._meta['ignite/last_seq'] as number;
    const after = await textOfRead(`ignite://apps/talky/logs?after=${last - 2}`);
    expect(after.text.split('\n').map((line) => Number(line.split('\t')[0]))).toEqual([last - 1, last]);
    await expect(harness.client.readResource({ uri: 'ignite://apps/talky/logs?colour=red' })).rejects.toThrow(/not an app log URI/);
  });

  it('sends updates to a subscribed filter when new lines arrive, and none after unsubscribe', async () => {
    const uri = 'ignite://apps/talky/logs?version=1';
    const before = (await textOfRead(uri))._meta['ignite/last_seq'] as number;
    await harness.client.subscribeResource({ uri: `${uri}&after=${before}` });
    updates.length = 0;
    const { execution_id } = structured(await harness.call('invoke', { app_name: 'talky', method: 'GET', path: '/sub' }));
    const deadline = Date.now() + 15_000;
    while (!updates.includes(`${uri}&after=${before}`)) {
      if (Date.now() > deadline) throw new Error(`no update; got ${JSON.stringify(updates)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const read = await textOfRead(`${uri}&after=${before}`);
    expect(read.text).toContain(`talky GET /sub execution=${execution_id}`);
    await harness.client.unsubscribeResource({ uri: `${uri}&after=${before}` });
    expect(harness.runtime.deps.appLogs.activeStreams).toBe(0);
  });
});
