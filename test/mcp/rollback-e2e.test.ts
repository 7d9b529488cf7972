import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type CallToolResult, type ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import { SECRET_VALUE_CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

/**
 * The lifecycle an agent runs after a bad deploy (issue 12's end-to-end scenario), end to end through MCP on the local Ignite: a
 * private-registry-style image (built by the local Ignite, referenced as localhost/<org>/<name>:<tag>)
 * pulled with a registry secret, v1 published, a broken v2 published, its failing lines read by
 * execution id, a rollback to v1.
 *
 * "Broken" is what a health check cannot catch, since a version failing it is never published at
 * all: v2 answers GET /healthz with 200 but every real request with 500 (a bug in its handler).
 */
const SERVER = (version: string, broken: boolean) => `'use strict';
const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  process.stderr.write('${version} ' + req.method + ' ' + req.url + ' execution=' + req.headers['x-ignite-execution-id'] + '\\n');
  ${broken ? "res.writeHead(500, { 'content-type': 'application/json' }); return res.end(JSON.stringify({ error: 'TypeError: cannot read order.total' }));" : ''}
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ version: '${version}', ok: true }));
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

let harness: Harness;
const questions: string[] = [];

beforeAll(async () => {
  harness = await startHarness({
    serverEnv: { SHOP_REGISTRY_PASSWORD: SECRET_VALUE_CANARY },
    clientCapabilities: { capabilities: { elicitation: { form: {} } } },
  });
  // The user reads each question and agrees.
  harness.client.setRequestHandler(ElicitRequestSchema, async (request: ElicitRequest) => {
    questions.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
}, 30_000);
afterAll(() => harness.close());

function structured<T = Record<string, any>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

async function buildVersion(version: string, broken: boolean): Promise<string> {
  const dir = path.join(harness.workDir, `shop-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'server.js'), SERVER(version, broken));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nUSER 1000\nCMD ["node", "server.js"]\n',
  );
  const { build_id } = structured(await harness.call('create_build', { name: 'shop', tags: [version], path: dir }));
  const done = structured(await harness.call('get_build', { build_id, wait_seconds: 30 }));
  expect(done.build.status).toBe('SUCCEEDED');
  return done.build.image_refs[0] as string;
}

describe('publish v1, publish a broken v2, roll back to v1', () => {
  it('ends with invoke answering from v1', async () => {
    const v1 = await buildVersion('v1', false);
    const v2 = await buildVersion('v2', true);
    expect([v1, v2]).toEqual(['localhost/local/shop:v1', 'localhost/local/shop:v2']);

    structured(
      await harness.call('create_secret', {
        name: 'shop-registry',
        type: 'registry',
        username: 'shop-bot',
        server_address: 'localhost',
        value_env: 'SHOP_REGISTRY_PASSWORD',
      }),
    );
    structured(await harness.call('configure_app', { app_name: 'shop' }));

    // v1: tested, then published.
    structured(await harness.call('save_image_draft', { app_name: 'shop', image_ref: v1, registry_secret_ref: 'shop-registry' }));
    expect(structured(await harness.call('test_draft', { app_name: 'shop', payload: { order: 1 } })).status_code).toBe(200);
    const first = structured(await harness.call('publish_draft', { app_name: 'shop' }));
    expect(first).toMatchObject({ consent: 'accepted', version: 1, tested: true });
    expect(JSON.parse(structured(await harness.call('invoke', { app_name: 'shop', payload: {} })).body)).toEqual({
      version: 'v1',
      ok: true,
    });

    // v2: its test answers 500; published anyway, the question and the result say so.
    structured(await harness.call('save_image_draft', { app_name: 'shop', image_ref: v2, registry_secret_ref: 'shop-registry' }));
    const tested = structured(await harness.call('test_draft', { app_name: 'shop', payload: { order: 2 } }));
    expect(tested.status_code).toBe(500);
    const second = await harness.call('publish_draft', { app_name: 'shop' });
    expect(structured(second)).toMatchObject({ consent: 'accepted', version: 2, tested: false });
    expect(questions.at(-1)).toMatch(
      /localhost\/local\/shop:v2 \(sha256:[0-9a-f]{64}\) goes live, replacing version 1\. This digest has NOT passed test_draft: its last test answered HTTP 500/,
    );
    expect(textOf(second)).toMatch(/WARNING: this digest did NOT pass test_draft \(its test answered 500\)/);

    const brokenCall = await harness.call('invoke', { app_name: 'shop', payload: { order: 3 } });
    const broken = structured(brokenCall);
    expect(broken).toMatchObject({ status_code: 500, version: 2 });
    // Each invocation has its own execution id, the key to its log lines: the result links them.
    expect(broken.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    const link = brokenCall.content.find((item) => item.type === 'resource_link');
    expect(link).toMatchObject({ uri: `ignite://apps/shop/logs?execution_id=${broken.execution_id}` });
    const linked = (await harness.client.readResource({ uri: (link as { uri: string }).uri })).contents[0] as { text: string };
    expect(linked.text).toBe(`${linked.text.split('\t')[0]}\tv2 ${broken.execution_id}\t! v2 POST / execution=${broken.execution_id}`);
    const failing = structured(await harness.call('read_app_logs', { app_name: 'shop', execution_id: broken.execution_id }));
    expect(failing.lines).toEqual([
      expect.objectContaining({ version: 2, execution_id: broken.execution_id, text: `v2 POST / execution=${broken.execution_id}` }),
    ]);
    expect(structured(await harness.call('get_app', { app_name: 'shop' }))).toMatchObject({ readiness: 'READY', active: { version: 2 } });

    // Roll back to v1: it passes its health check, becomes active, and answers again.
    const versions = structured(await harness.call('list_versions', { app_name: 'shop' }));
    expect(versions.versions.map((v: { version: number; tested: boolean }) => [v.version, v.tested])).toEqual([
      [1, true],
      [2, false],
    ]);
    const rolled = structured(await harness.call('rollback_app', { app_name: 'shop', version: 1 }));
    expect(rolled).toMatchObject({ consent: 'accepted', rolled_back: true, active_version: 1, version: { image_ref: v1 } });
    expect(questions.at(-1)).toMatch(/from version 2 to version 1\? Image localhost\/local\/shop:v1/);

    const after = structured(await harness.call('invoke', { app_name: 'shop', payload: { order: 4 } }));
    expect(after).toMatchObject({ status_code: 200, version: 1 });
    expect(JSON.parse(after.body)).toEqual({ version: 'v1', ok: true });
    // And v1's lines say so: the answer after the rollback came from v1's instance.
    const fromV1 = structured(await harness.call('read_app_logs', { app_name: 'shop', execution_id: after.execution_id }));
    expect(fromV1.lines.map((line: { version: number; text: string }) => [line.version, line.text])).toEqual([
      [1, `v1 POST / execution=${after.execution_id}`],
    ]);
    const state = structured(await harness.call('get_app', { app_name: 'shop' }));
    expect(state).toMatchObject({ readiness: 'READY', active: { version: 1, status: 'ACTIVE' }, version_count: 2 });
    expect(state.instances.map((i: { version: number }) => i.version)).not.toContain(2);
    expect(harness.canaryLeaks()).toEqual([]);
  }, 90_000);
});
