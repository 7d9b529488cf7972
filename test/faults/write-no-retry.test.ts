import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IgniteClient } from '../../src/client/client.js';
import { METHOD_RETRY } from '../../src/contract/methods.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let client: IgniteClient;
const faults = () => harness.local.faults;

beforeAll(async () => {
  harness = await startHarness({ env: { IGNITE_MCP_DEADLINE_MS: '1000' } });
  client = harness.runtime.deps.client;
  // publish_draft reads the draft (the digest it asks consent for) before PublishDraft, so there is one.
  await client.createApp({ name: 'pub-app' });
  await client.saveDraft({ app_name: 'pub-app', code: { image: { prebuilt: { image_ref: 'docker.io/library/nginx:1.27' } } } });
});
beforeEach(() => faults().clear());
afterAll(() => harness.close());

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}

/** One call of every method that changes state, with a request that would otherwise be accepted or refused. */
const WRITES: Record<string, () => Promise<unknown>> = {
  CreateBuild: () => client.createBuild({ name: 'w', dockerfile: 'FROM scratch\n' }),
  CancelBuild: () => client.cancelBuild({ build_id: 'b' }),
  UploadBuildContext: () => client.uploadBuildContext({ name: 'ctx.tar.gz' }, [new Uint8Array(16)]),
  SaveBuildSecrets: () => client.saveBuildSecrets({}),
  CreateApp: () => client.createApp({ name: 'w' }),
  UpdateAppConfig: () => client.updateAppConfig({ app_name: 'w' }),
  SaveDraft: () => client.saveDraft({ app_name: 'w' }),
  TestDraft: () => client.testDraft({ app_name: 'w' }),
  PublishDraft: () => client.publishDraft({ app_name: 'w' }),
  RollbackApp: () => client.rollbackApp({ app_name: 'w', version: 1 }),
  DeleteApp: () => client.deleteApp({ app_name: 'w' }),
  Invoke: () => drain(client.invoke({ app_name: 'w' })),
  CreateSecret: () => client.createSecret({ name: 's' }),
  DeleteSecret: () => client.deleteSecret({ name: 's' }),
};

describe('calls that change state are never retried', () => {
  it('the table lists every write as never retried', () => {
    const never = Object.entries(METHOD_RETRY)
      .filter(([, kind]) => kind === 'never')
      .map(([method]) => method);
    expect(never.sort()).toEqual(Object.keys(WRITES).sort());
  });

  it.each(Object.keys(WRITES))('%s failing with UNAVAILABLE reaches the server exactly once', async (method) => {
    faults().add({ method, fault: 'fail', code: grpc.status.UNAVAILABLE });
    const err = await WRITES[method]!().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IgniteError);
    expect((err as IgniteError).codeName).toBe('UNAVAILABLE');
    expect(faults().calls(method)).toBe(1);
  });

  it('a write timing out on a slow upstream (DEADLINE_EXCEEDED) is not repeated either', async () => {
    faults().delay('SaveDraft', 3_000);
    const started = Date.now();
    const err = await client.saveDraft({ app_name: 'w' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as IgniteError).codeName).toBe('DEADLINE_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(faults().calls('SaveDraft')).toBe(1);
  });
});

describe('through MCP, a write whose outcome is unknown says so and names the check', () => {
  const cases: Array<{ tool: string; args: Record<string, unknown>; method: string; check: RegExp }> = [
    { tool: 'create_build', args: { name: 'img', context_id: 'ctx-1' }, method: 'CreateBuild', check: /list_builds with name "img"/ },
    {
      tool: 'save_image_draft',
      args: { app_name: 'pub-app', image_ref: 'docker.io/library/nginx:1.27' },
      method: 'SaveDraft',
      check: /get_draft for "pub-app"/,
    },
    { tool: 'publish_draft', args: { app_name: 'pub-app' }, method: 'PublishDraft', check: /get_draft/ },
    { tool: 'cancel_build', args: { build_id: 'some-build' }, method: 'CancelBuild', check: /get_build for "some-build"/ },
    {
      tool: 'configure_app',
      args: { app_name: 'new-app', ports: [8080] },
      method: 'CreateApp',
      check: /configure_app for "new-app" again with no settings/,
    },
    { tool: 'test_draft', args: { app_name: 'pub-app' }, method: 'TestDraft', check: /check whether the draft/ },
  ];

  it.each(cases)('$tool: $method UNAVAILABLE → outcome unknown, one call upstream', async ({ tool, args, method, check }) => {
    faults().add({ method, fault: 'fail', code: grpc.status.UNAVAILABLE });
    const result = await harness.call(tool, args);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/UNAVAILABLE/);
    expect(text).toMatch(/The outcome is unknown.*Do not repeat it blindly/);
    expect(text).toMatch(check);
    expect(faults().calls(method)).toBe(1);
  });

  it('publish_draft on a hung upstream returns within its deadline with the same advice', async () => {
    faults().drop('PublishDraft');
    const started = Date.now();
    const result = await harness.call('publish_draft', { app_name: 'pub-app' });
    expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/DEADLINE_EXCEEDED[\s\S]*The outcome is unknown[\s\S]*get_draft/);
    expect(faults().calls('PublishDraft')).toBe(1);
  });
});
