import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

let harness: Harness;
let imageRef: string;
beforeAll(async () => {
  harness = await startHarness();
  const client = harness.runtime.deps.client;
  const { build_id } = await client.createBuild({ name: 'example-app', zipped_code: await packDirectory(EXAMPLE_APP) });
  await harness.call('get_build', { build_id, wait_seconds: 30 });
  imageRef = (await client.getBuild({ build_id })).build!.image_refs[0]!;
});
afterAll(() => harness.close());

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('configure_app', () => {
  it('creates the app, then merges later settings without showing env values', async () => {
    const created = structured<{ created: boolean; app: { id: string; ports: number[]; health_path: string; env_names: string[] } }>(
      await harness.call('configure_app', { app_name: 'conf-app', ports: [8080], env: { GREETING: 'hello-secret-value', MODE: 'a' } }),
    );
    expect(created).toMatchObject({
      created: true,
      app: { id: 'local/conf-app', ports: [8080], health_path: '/healthz', env_names: ['GREETING', 'MODE'] },
    });
    const updated = await harness.call('configure_app', {
      app_name: 'conf-app',
      health_path: '/ready',
      env: { EXTRA: '1' },
      env_remove: ['MODE'],
    });
    expect(structured<{ created: boolean; app: { env_names: string[]; health_path: string; ports: number[] } }>(updated)).toMatchObject({
      created: false,
      app: { env_names: ['EXTRA', 'GREETING'], health_path: '/ready', ports: [8080] },
    });
    expect(JSON.stringify(updated)).not.toContain('hello-secret-value');
  });

  it('refuses bad input with a clear message', async () => {
    for (const args of [
      { app_name: 'Bad_Name' },
      { app_name: 'ok', ports: [0] },
      { app_name: 'ok', health_path: 'no-slash' },
      { app_name: 'ok', env: { 'BAD-NAME': 'x' } },
    ]) {
      const result = await harness.call('configure_app', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
    }
  });
});

describe('draft, test, publish, invoke', () => {
  it('runs the example app end to end with a real HTTP answer', async () => {
    await harness.call('configure_app', { app_name: 'echo', ports: [8080] });
    const saved = await harness.runtime.deps.client.saveDraft({
      organization_name: 'local',
      app_name: 'echo',
      code: { image: { prebuilt: { image_ref: imageRef } } },
    });
    expect(saved.draft?.image_ref).toBe(imageRef);
    const draft = structured<{ ready: boolean; draft: { code_kind: string; image_ref: string } }>(
      await harness.call('get_draft', { app_name: 'echo' }),
    );
    expect(draft).toMatchObject({ ready: true, draft: { code_kind: 'PREBUILT', image_ref: imageRef } });

    const tested = structured<{ status_code: number; body: string; execution_id: string; latency_ms: number }>(
      await harness.call('test_draft', { app_name: 'echo', payload: { hello: 'draft' } }),
    );
    expect(tested.status_code).toBe(200);
    expect(JSON.parse(tested.body)).toMatchObject({
      echo: { hello: 'draft' },
      execution_id: tested.execution_id,
      content_type: 'application/json',
    });

    const published = structured<{ version: number; status: string }>(await harness.call('publish_draft', { app_name: 'echo' }));
    expect(published).toMatchObject({ version: 1, status: 'ACTIVE' });

    const invoked = structured<{ status_code: number; body: string; version: number; execution_id: string }>(
      await harness.call('invoke', { app_name: 'echo', payload: { n: 1 }, query: 'x=1' }),
    );
    expect(invoked).toMatchObject({ status_code: 200, version: 1 });
    expect(JSON.parse(invoked.body)).toMatchObject({
      echo: { n: 1 },
      query: '?x=1',
      function_id: 'local/echo',
      execution_id: invoked.execution_id,
    });

    const failing = structured<{ status_code: number }>(await harness.call('invoke', { app_name: 'echo', method: 'GET', path: '/fail' }));
    expect(failing.status_code).toBe(500);

    const long = structured<{ body: string; body_bytes: number; body_truncated: boolean }>(
      await harness.call('invoke', {
        app_name: 'echo',
        method: 'GET',
        path: '/stream',
        query: 'chunks=3&bytes=20000',
        max_body_chars: 1000,
      }),
    );
    expect(long).toMatchObject({ body_bytes: 60000, body_truncated: true });
    expect(long.body).toHaveLength(1000);

    // What the deploy panel lists as the last invocations: this server's calls, newest first.
    const read = await harness.client.readResource({ uri: 'ignite://apps/echo/invocations' });
    const { invocations } = JSON.parse((read.contents[0] as { text: string }).text) as {
      invocations: { kind: string; status_code: number; version: number; execution_id: string }[];
    };
    expect(invocations.map(({ kind, status_code, version }) => [kind, status_code, version])).toEqual([
      ['invoke', 200, 1],
      ['invoke', 500, 1],
      ['invoke', 200, 1],
      ['test_draft', 200, 0],
    ]);
    expect(invocations[2]!.execution_id).toBe(invoked.execution_id);
    expect(invocations[3]!.execution_id).toBe(tested.execution_id);
  });

  it('explains what to do when there is no draft or no published version', async () => {
    await harness.call('configure_app', { app_name: 'empty' });
    const noDraft = await harness.call('get_draft', { app_name: 'empty' });
    expect(noDraft.isError).toBe(true);
    expect(textOf(noDraft)).toMatch(/NOT_FOUND/);
    const notPublished = await harness.call('invoke', { app_name: 'empty' });
    expect(notPublished.isError).toBe(true);
    expect(textOf(notPublished)).toMatch(/publish/i);
    // A precondition failure's hint is about this failure, in tool terms (not a generic list of examples).
    expect(textOf(notPublished)).toContain('What to do: Publish first (test_draft, then publish_draft)');
    const unknownApp = await harness.call('test_draft', { app_name: 'no-such-app' });
    expect(unknownApp.isError).toBe(true);
    expect(textOf(unknownApp)).toMatch(/no-such-app/);
  });
});
