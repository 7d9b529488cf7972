import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElicitRequestSchema, type CallToolResult, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { SECRET_VALUE_CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

function structured<T = Record<string, any>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

/** Builds the example app through the harness's Ignite and returns its image ref (localhost/local/<name>:<tag>). */
async function buildImage(harness: Harness, name: string, tag: string): Promise<string> {
  const client = harness.runtime.deps.client;
  const { build_id } = await client.createBuild({ name, tags: [tag], zipped_code: await packDirectory(EXAMPLE_APP) });
  const done = structured(await harness.call('get_build', { build_id, wait_seconds: 30 }));
  expect(done.build.status).toBe('SUCCEEDED');
  return done.build.image_refs[0] as string;
}

/** An app with one published version of the example image; returns the image ref. */
async function publishedApp(harness: Harness, app: string): Promise<string> {
  const ref = await buildImage(harness, app, 'v1');
  structured(await harness.call('configure_app', { app_name: app, ports: [8080] }));
  structured(await harness.call('save_image_draft', { app_name: app, image_ref: ref }));
  expect(structured(await harness.call('publish_draft', { app_name: app })).published).toBe(true);
  return ref;
}

describe('without elicitation (the default IGNITE_MCP_CONFIRM=elicit)', () => {
  let harness: Harness;
  let ref: string;
  beforeAll(async () => {
    harness = await startHarness({ serverEnv: { REGISTRY_PASSWORD: SECRET_VALUE_CANARY, SHORT: 'abc' } });
    ref = await publishedApp(harness, 'plain');
  }, 60_000);
  afterAll(() => harness.close());

  it('create_secret takes the value from an environment variable and never shows it; a second call replaces it', async () => {
    const first = structured(
      await harness.call('create_secret', {
        name: 'reg',
        type: 'registry',
        username: 'robot',
        server_address: 'localhost',
        value_env: 'REGISTRY_PASSWORD',
      }),
    );
    expect(first).toMatchObject({ secret: { name: 'reg', type: 'registry' }, replaced: false, value_source: 'env' });
    await new Promise((r) => setTimeout(r, 5));
    const again = await harness.call('create_secret', { name: 'reg', type: 'registry', username: 'robot', value_env: 'REGISTRY_PASSWORD' });
    expect(structured(again).replaced).toBe(true);
    const stored = await harness.runtime.deps.client.getSecret({ name: 'reg' });
    expect(stored.value?.registry_secret).toMatchObject({ username: 'robot', password: SECRET_VALUE_CANARY });
  });

  it('create_secret reads a file inside the allowed folders (one final newline dropped), and refuses files it must not read', async () => {
    writeFileSync(path.join(harness.workDir, 'git-token'), `${SECRET_VALUE_CANARY}\n`);
    const created = structured(
      await harness.call('create_secret', { name: 'git-pat', type: 'git', username: 'x-access-token', value_file: 'git-token' }),
    );
    expect(created).toMatchObject({ secret: { type: 'git' }, value_source: 'file' });
    expect((await harness.runtime.deps.client.getSecret({ name: 'git-pat' })).value?.git_secret?.token).toBe(SECRET_VALUE_CANARY);

    const outside = path.join(os.tmpdir(), `outside-${process.pid}`);
    writeFileSync(outside, 'outside-value');
    symlinkSync(outside, path.join(harness.workDir, 'link-out'));
    mkdirSync(path.join(harness.workDir, 'a-folder'), { recursive: true });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ value_file: outside }, /outside the allowed folders/],
      [{ value_file: 'link-out' }, /outside the allowed folders/],
      [{ value_file: 'a-folder' }, /not a regular file/],
      [{ value_file: 'missing' }, /does not exist/],
      [{ value_env: 'NOT_SET' }, /NOT_SET is not set/],
      [{ value_env: 'SHORT' }, /shorter than 4/],
      [{ value_env: 'DODIL_TOKEN' }, /own Ignite credential/],
      [{ value_env: 'REGISTRY_PASSWORD', value_file: 'git-token' }, /not both/],
      [{}, /give value_env or value_file[\s\S]*cannot ask the user/],
    ];
    for (const [source, message] of cases) {
      const result = await harness.call('create_secret', { name: 'bad', type: 'git', username: 'u', ...source });
      expect(result.isError, JSON.stringify(source)).toBe(true);
      expect(textOf(result), JSON.stringify(source)).toMatch(message);
    }
    const listed = structured(await harness.call('list_secrets', {}));
    expect(listed.secrets.map((s: { name: string }) => s.name)).toEqual(['git-pat', 'reg']);
  });

  it('a secret of the wrong type is refused where it is used', async () => {
    const wrong = await harness.call('save_image_draft', { app_name: 'plain', image_ref: ref, registry_secret_ref: 'git-pat' });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/INVALID_ARGUMENT[\s\S]*"git-pat" is a git secret; registry_secret_ref needs a registry secret/);
    const missing = await harness.call('save_image_draft', { app_name: 'plain', image_ref: ref, registry_secret_ref: 'nope' });
    expect(textOf(missing)).toMatch(/NOT_FOUND[\s\S]*secret "nope"/);
  });

  it('publish_draft and rollback_app proceed unasked, and say so; deletes are refused', async () => {
    structured(await harness.call('save_image_draft', { app_name: 'plain', image_ref: ref, registry_secret_ref: 'reg' }));
    const published = structured(await harness.call('publish_draft', { app_name: 'plain' }));
    expect(published).toMatchObject({ consent: 'not_asked_by_setting', published: true, version: 2, tested: false });
    const rolled = structured(await harness.call('rollback_app', { app_name: 'plain', version: 1 }));
    expect(rolled).toMatchObject({ consent: 'not_asked_by_setting', rolled_back: true, active_version: 1 });

    const app = structured(await harness.call('delete_app', { app_name: 'plain' }));
    expect(app).toMatchObject({ consent: 'refused_no_elicitation', deleted: false });
    const secret = await harness.call('delete_secret', { name: 'reg' });
    expect(structured(secret)).toMatchObject({ consent: 'refused_no_elicitation', deleted: false });
    expect(textOf(secret)).toMatch(/IGNITE_MCP_CONFIRM[\s\S]*No tool argument/);
    expect(structured(await harness.call('get_app', { app_name: 'plain' })).active.version).toBe(1);
    expect(structured(await harness.call('list_secrets', {})).secrets).toHaveLength(2);
  });

  it('list_apps, get_app, list_versions and get_version show the lifecycle; unknown names are NOT_FOUND', async () => {
    expect(structured(await harness.call('list_apps', {})).apps.map((a: { name: string }) => a.name)).toContain('plain');
    const state = structured(await harness.call('get_app', { app_name: 'plain' }));
    expect(state).toMatchObject({
      app: { name: 'plain', active_version: 1 },
      readiness: 'READY',
      version_count: 2,
      draft: { image_ref: ref },
    });
    expect(state.instances).toEqual([expect.objectContaining({ version: 1, state: 'READY', runs_as: expect.stringMatching(/^pid \d+$/) })]);
    const versions = structured(await harness.call('list_versions', { app_name: 'plain' }));
    expect(versions.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'ACTIVE'],
      [2, 'SUPERSEDED'],
    ]);
    const v2 = structured(await harness.call('get_version', { app_name: 'plain', version: 2 }));
    expect(v2.version).toMatchObject({ version: 2, registry_secret_ref: 'reg', tested: false, test: null, code_kind: 'PREBUILT' });

    for (const [tool, args, message] of [
      ['get_app', { app_name: 'ghost' }, /NOT_FOUND[\s\S]*ghost/],
      ['list_versions', { app_name: 'ghost' }, /NOT_FOUND/],
      ['get_version', { app_name: 'plain', version: 9 }, /NOT_FOUND[\s\S]*versions are 1 to 2/],
      ['rollback_app', { app_name: 'plain', version: 9 }, /NOT_FOUND[\s\S]*version 9/],
      ['rollback_app', { app_name: 'plain', version: 1 }, /already active/],
      ['delete_app', { app_name: 'ghost' }, /NOT_FOUND/],
      ['delete_secret', { name: 'ghost' }, /not found/],
    ] as const) {
      const result = await harness.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result), tool).toMatch(message);
    }
  });
});

describe('the deploy_workflow prompt and the instructions', () => {
  it('cover secrets for a private registry, app logs by execution id and rollback', async () => {
    const harness = await startHarness();
    try {
      const prompt = await harness.client.getPrompt({
        name: 'deploy_workflow',
        arguments: { source: 'ghcr.io/acme/shop:1.2.3', app_name: 'shop' },
      });
      const text = (prompt.messages[0]!.content as { text: string }).text;
      expect(text).toMatch(/create_secret type "registry"[\s\S]*value_env[\s\S]*registry_secret_ref/);
      expect(text).toMatch(/rollback_app/);
      expect(text).toMatch(/read_app_logs with app_name "shop" and that call's execution_id/);
      expect(harness.client.getInstructions()).toMatch(/create_secret[\s\S]*read_app_logs by execution_id[\s\S]*rollback_app/);
    } finally {
      await harness.close();
    }
  });
});

/** What the user answers next; each question asked is kept. */
interface Answers {
  next: (request: ElicitRequest['params']) => Promise<ElicitResult> | ElicitResult;
  asked: ElicitRequest['params'][];
}

async function elicitingHarness(capabilities: Record<string, object>, options: Parameters<typeof startHarness>[0] = {}) {
  const answers: Answers = { next: () => ({ action: 'cancel' }), asked: [] };
  const harness = await startHarness({ ...options, clientCapabilities: { capabilities: { elicitation: capabilities } } });
  harness.client.setRequestHandler(ElicitRequestSchema, async (request) => {
    answers.asked.push(request.params);
    return answers.next(request.params);
  });
  return { harness, answers };
}

const yes = (): ElicitResult => ({ action: 'accept', content: { confirm: true } });

describe('with form and URL elicitation', () => {
  let harness: Harness;
  let answers: Answers;
  let ref: string;
  beforeAll(async () => {
    ({ harness, answers } = await elicitingHarness({ form: {}, url: {} }));
    answers.next = yes;
    ref = await publishedApp(harness, 'asked');
  }, 60_000);
  afterAll(() => harness.close());

  it('publish_draft asks with the digest going live and whether it was tested; a no is reported as the user\u2019s answer', async () => {
    const digest = (await harness.runtime.deps.client.getDraftInfo({ app_name: 'asked' })).draft!.image_digest;
    answers.asked.length = 0;
    answers.next = () => ({ action: 'decline' });
    const declined = await harness.call('publish_draft', { app_name: 'asked' });
    expect(structured(declined)).toMatchObject({ consent: 'declined', published: false, version: 0, image_digest: digest, tested: false });
    expect(textOf(declined)).toMatch(/NOT published[\s\S]*user declined[\s\S]*Do not retry/);
    const question = answers.asked[0] as { mode: string; message: string };
    expect(question.mode).toBe('form');
    expect(question.message).toContain(digest);
    expect(question.message).toMatch(/replacing version 1[\s\S]*NOT been tested/);

    answers.next = () => ({ action: 'accept', content: { confirm: false } });
    expect(structured(await harness.call('publish_draft', { app_name: 'asked' })).consent).toBe('declined');
    answers.next = () => ({ action: 'cancel' });
    expect(structured(await harness.call('publish_draft', { app_name: 'asked' })).consent).toBe('cancelled');
    answers.next = () => {
      throw new Error('the client broke');
    };
    expect(structured(await harness.call('publish_draft', { app_name: 'asked' })).consent).toBe('cancelled');
    expect(structured(await harness.call('list_versions', { app_name: 'asked' })).versions).toHaveLength(1);

    structured(await harness.call('test_draft', { app_name: 'asked', payload: {} }));
    answers.asked.length = 0;
    answers.next = yes;
    const published = await harness.call('publish_draft', { app_name: 'asked' });
    expect(structured(published)).toMatchObject({ consent: 'accepted', published: true, version: 2, image_digest: digest, tested: true });
    expect((answers.asked[0] as { message: string }).message).toMatch(/This exact digest passed test_draft \(HTTP 200\)/);
    expect(textOf(published)).toMatch(/passed test_draft/);
  });

  it('rollback_app and delete_app ask, and act only on a yes', async () => {
    answers.next = () => ({ action: 'decline' });
    expect(structured(await harness.call('rollback_app', { app_name: 'asked', version: 1 }))).toMatchObject({
      consent: 'declined',
      rolled_back: false,
      active_version: 2,
    });
    answers.next = yes;
    answers.asked.length = 0;
    expect(structured(await harness.call('rollback_app', { app_name: 'asked', version: 1 }))).toMatchObject({
      consent: 'accepted',
      rolled_back: true,
      active_version: 1,
    });
    expect((answers.asked[0] as { message: string }).message).toMatch(/from version 2 to version 1[\s\S]*sha256:/);
    const invoked = structured(await harness.call('invoke', { app_name: 'asked', payload: { n: 1 } }));
    expect(invoked).toMatchObject({ status_code: 200, version: 1 });

    answers.next = () => ({ action: 'decline' });
    expect(structured(await harness.call('delete_app', { app_name: 'asked' }))).toMatchObject({ consent: 'declined', deleted: false });
    answers.next = yes;
    expect(structured(await harness.call('delete_app', { app_name: 'asked' }))).toMatchObject({
      consent: 'accepted',
      deleted: true,
      versions_deleted: 2,
    });
    expect(textOf(await harness.call('get_app', { app_name: 'asked' }))).toMatch(/NOT_FOUND/);
    expect(ref).toMatch(/^localhost\/local\/asked:v1$/);
  });

  it('create_secret without a source asks the user to type the value on a local page (URL mode), never in a form', async () => {
    answers.asked.length = 0;
    answers.next = async (params) => {
      const { url } = params as { url: string };
      const page = await fetch(url);
      expect(await page.text()).toMatch(/type="password"/);
      const posted = await fetch(url, { method: 'POST', body: new URLSearchParams({ value: SECRET_VALUE_CANARY }) });
      expect(posted.status).toBe(200);
      return { action: 'accept' };
    };
    const created = structured(await harness.call('create_secret', { name: 'typed', type: 'registry', username: 'me' }));
    expect(created).toMatchObject({ value_source: 'user', secret: { name: 'typed' } });
    const question = answers.asked[0] as { mode: string; url: string };
    expect(question.mode).toBe('url');
    expect(question.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/secret\/[\w-]{32}$/);
    expect((await harness.runtime.deps.client.getSecret({ name: 'typed' })).value?.registry_secret?.password).toBe(SECRET_VALUE_CANARY);
    // The page took one value and is gone.
    await expect(fetch(question.url)).rejects.toThrow();

    answers.next = () => ({ action: 'decline' });
    const declined = await harness.call('create_secret', { name: 'typed2', type: 'registry', username: 'me' });
    expect(declined.isError).toBe(true);
    expect(textOf(declined)).toMatch(/user declined to enter the value; nothing was saved/);

    answers.next = yes;
    expect(structured(await harness.call('delete_secret', { name: 'typed' }))).toMatchObject({ consent: 'accepted', deleted: true });
  });

  it('the entry page refuses other hosts, origins and paths', async () => {
    let pageUrl = '';
    answers.next = async (params) => {
      pageUrl = (params as { url: string }).url;
      const url = new URL(pageUrl);
      const wrongPath = await fetch(`${url.origin}/secret/not-the-token`, { method: 'POST', body: 'value=x' });
      expect(wrongPath.status).toBe(404);
      const crossSite = await fetch(pageUrl, { method: 'POST', body: 'value=x', headers: { origin: 'https://evil.example' } });
      expect(crossSite.status).toBe(403);
      await fetch(pageUrl, { method: 'POST', body: new URLSearchParams({ value: SECRET_VALUE_CANARY }) });
      return { action: 'accept' };
    };
    expect(structured(await harness.call('create_secret', { name: 'typed3', type: 'git', username: 'u' })).value_source).toBe('user');
    expect((await harness.runtime.deps.client.getSecret({ name: 'typed3' })).value?.git_secret?.token).toBe(SECRET_VALUE_CANARY);
  });
});

describe('other client capabilities and settings', () => {
  it('a form-only client is asked for consent but never for a secret value', async () => {
    const { harness, answers } = await elicitingHarness({});
    try {
      answers.next = yes;
      const result = await harness.call('create_secret', { name: 'x', type: 'git', username: 'u' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/must not go through a form/);
      expect(answers.asked).toEqual([]);
      await harness.runtime.deps.client.createSecret({ name: 'tmp', value: { git_secret: { username: 'u', token: 'tttt' } } });
      expect(structured(await harness.call('delete_secret', { name: 'tmp' }))).toMatchObject({ consent: 'accepted', deleted: true });
      expect(answers.asked).toHaveLength(1);
    } finally {
      await harness.close();
    }
  });

  it('IGNITE_MCP_CONFIRM=always-proceed never asks, even a client that could answer', async () => {
    const { harness, answers } = await elicitingHarness({ form: {} }, { env: { IGNITE_MCP_CONFIRM: 'always-proceed' } });
    try {
      await harness.runtime.deps.client.createSecret({ name: 'tmp', value: { git_secret: { username: 'u', token: 'tttt' } } });
      expect(structured(await harness.call('delete_secret', { name: 'tmp' }))).toMatchObject({
        consent: 'not_asked_by_setting',
        deleted: true,
      });
      expect(answers.asked).toEqual([]);
    } finally {
      await harness.close();
    }
  });

  it('IGNITE_MCP_CONFIRM=refuse refuses even a publish when the client cannot ask', async () => {
    const harness = await startHarness({ env: { IGNITE_MCP_CONFIRM: 'refuse' } });
    try {
      const ref = await buildImage(harness, 'strict', 'v1');
      structured(await harness.call('configure_app', { app_name: 'strict', ports: [8080] }));
      structured(await harness.call('save_image_draft', { app_name: 'strict', image_ref: ref }));
      expect(structured(await harness.call('publish_draft', { app_name: 'strict' }))).toMatchObject({
        consent: 'refused_no_elicitation',
        published: false,
      });
      expect(structured(await harness.call('get_app', { app_name: 'strict' })).readiness).toBe('NOT_PUBLISHED');
    } finally {
      await harness.close();
    }
  });
});
