import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadBuildContextResponse__Output } from '../../../src/contract/generated/dodil/ignite/v1/UploadBuildContextResponse.js';
import { json } from '../../helpers/app-process.js';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { EXAMPLE_APP_DIR } from '../../helpers/fixture-image.js';
import { packDirectory } from '../../helpers/pack-dir.js';

let env: IgniteClients;
let archive: Buffer;
beforeAll(async () => {
  env = await startIgniteWithClients({ defaultOrganization: 'acme', limits: { appStartTimeoutMs: 5000 } });
  archive = await packDirectory(EXAMPLE_APP_DIR);
});
afterAll(() => env.close());

function upload(data: Buffer, name: string): Promise<UploadBuildContextResponse__Output> {
  return new Promise((resolve, reject) => {
    const client = env.buildClient as unknown as {
      UploadBuildContext(
        md: grpc.Metadata,
        cb: (err: grpc.ServiceError | null, res: UploadBuildContextResponse__Output) => void,
      ): grpc.ClientWritableStream<unknown>;
    };
    const call = client.UploadBuildContext(new grpc.Metadata(), (err, res) => (err ? reject(err) : resolve(res)));
    call.write({ metadata: { name, content_type: 'application/gzip', expected_size_bytes: String(data.length) } });
    for (let offset = 0; offset < data.length; offset += 512 * 1024) call.write({ chunk: data.subarray(offset, offset + 512 * 1024) });
    call.end();
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const draftImage = (app: string) =>
  until(async () => {
    const { draft } = await env.compute('GetDraftInfo', { app_name: app });
    return draft.image_ref || draft.error ? draft : undefined;
  });

describe('the example app, end to end through the local Ignite', () => {
  it('uploads, builds, drafts the built image, tests, publishes and invokes it over real HTTP', async () => {
    const { context_id } = await upload(archive, 'example-app');
    const created = await env.build('CreateBuild', { name: 'example-app', context_id, tags: ['latest'] });
    const build = await until(async () => {
      const { build: current } = await env.build('GetBuild', { build_id: created.build_id });
      return current.status === 'BUILD_STATUS_SUCCEEDED' || current.status === 'BUILD_STATUS_FAILED' ? current : undefined;
    });
    expect(build).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', image_refs: ['localhost/acme/example-app:latest'] });
    expect(build.steps_not_executed).toEqual(['RUN npm ci --omit=dev']);

    await env.compute('CreateApp', { name: 'example-app', env: { GREETING: 'from the app config' } });
    const saved = await env.compute('SaveDraft', {
      organization_name: 'acme',
      app_name: 'example-app',
      code: { image: { prebuilt: { image_ref: build.image_refs[0] } } },
    });
    expect(saved.draft).toMatchObject({ image_ref: 'localhost/acme/example-app:latest', image_digest: build.image_digest });

    const tested = await env.compute('TestDraft', {
      app_name: 'example-app',
      body: Buffer.from('{"question":"ping"}'),
      http: { headers: { 'content-type': 'application/json' } },
    });
    expect(tested.status_code).toBe(200);
    expect(json(tested.body)).toMatchObject({
      echo: { question: 'ping' },
      execution_id: tested.execution_id,
      function_id: 'acme/example-app',
    });
    const info = json((await env.compute('TestDraft', { app_name: 'example-app', http: { method: 'GET', path: '/info' } })).body);
    expect(info).toMatchObject({ node_env: 'production', greeting: 'from the app config' });

    expect(await env.compute('PublishDraft', { app_name: 'example-app' })).toMatchObject({
      version: 1,
      version_info: { image_digest: build.image_digest },
    });
    const frames = await env.invoke({ app_name: 'example-app', body: Buffer.from('{"n":1}') });
    expect(frames.map((f) => f.frame)).toEqual(['head', 'chunk', 'trailer']);
    expect(frames[0]!.head).toMatchObject({ status_code: 200, version: 1 });
    expect(json(frames[1]!.chunk!)).toMatchObject({ echo: { n: 1 }, execution_id: frames[0]!.head!.execution_id });
  });

  it('builds a from_code draft from the inline archive; TestDraft waits for nothing and says "still building" meanwhile', async () => {
    await env.compute('CreateApp', { name: 'inline-app' });
    const saved = await env.compute('SaveDraft', {
      app_name: 'inline-app',
      code: { image: { from_code: { archive, dockerfile_path: 'Dockerfile' } } },
    });
    expect(saved.draft).toMatchObject({ code_kind: 'CODE_KIND_UPLOAD_IMAGE', build_id: expect.stringMatching(/.+/) });
    const draft = await draftImage('inline-app');
    expect(draft).toMatchObject({ error: '', image_ref: expect.stringMatching(/^localhost\/acme\/inline-app:draft-[0-9a-f]{12}$/) });
    const build = (await env.build('GetBuild', { build_id: saved.draft.build_id })).build;
    expect(draft.image_digest).toBe(build.image_digest);
    const tested = await env.compute('TestDraft', { app_name: 'inline-app', body: Buffer.from('"hi"') });
    expect(json(tested.body).echo).toBe('hi');
    expect((await env.compute('PublishDraft', { app_name: 'inline-app' })).version_info).toMatchObject({
      code_kind: 'CODE_KIND_UPLOAD_IMAGE',
      image_ref: draft.image_ref,
    });
  });

  it('CreateApp with a from_code source whose context does not exist creates nothing (NOT_FOUND from the BuildService)', async () => {
    await expect(
      env.compute('CreateApp', { name: 'no-context', code: { image: { from_code: { context_id: 'ctx-does-not-exist' } } } }),
    ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND, details: expect.stringContaining('UploadBuildContext') });
    await expect(env.compute('GetApp', { app_name: 'no-context' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('reports a failed draft build in GetDraftInfo and refuses to run it', async () => {
    await env.compute('CreateApp', { name: 'broken-build' });
    const context = await packDirectory(EXAMPLE_APP_DIR);
    const { context_id } = await upload(context, 'broken');
    await env.compute('SaveDraft', {
      app_name: 'broken-build',
      code: { image: { from_code: { context_id, dockerfile_path: 'Missing.Dockerfile' } } },
    });
    const draft = await draftImage('broken-build');
    expect(draft.error).toMatch(/^build \S+ failed: /);
    await expect(env.compute('TestDraft', { app_name: 'broken-build' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('SaveDraft again'),
    });
  });

  it('builds from git with the secret_ref credentials, and the seed from_code and from_git bodies are accepted', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'ignite-git-'));
    try {
      cpSync(EXAMPLE_APP_DIR, path.join(repo, 'services/infer'), { recursive: true });
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
      git('init', '-q', '-b', 'main');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'app');
      await env.secrets('CreateSecret', { name: 'github-pat', value: { git_secret: { username: 'x-access-token', token: 'ghp_local' } } });
      await env.compute('CreateApp', { name: 'git-app' });
      await env.compute('SaveDraft', {
        app_name: 'git-app',
        code: { image: { from_git: { url: `file://${repo}`, reference: 'main', sub_path: 'services/infer', secret_ref: 'github-pat' } } },
      });
      const draft = await draftImage('git-app');
      expect(draft).toMatchObject({ code_kind: 'CODE_KIND_GIT_IMAGE', error: '' });
      expect((await env.compute('TestDraft', { app_name: 'git-app', http: { method: 'GET', path: '/healthz' } })).status_code).toBe(200);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('draft builds in flight', () => {
  it('answers FAILED_PRECONDITION "still building" until the build ends, then runs the image', async () => {
    const slow = await startIgniteWithClients({ limits: { buildStepDelayMs: 150, appStartTimeoutMs: 5000 } });
    try {
      await slow.compute('CreateApp', { name: 'slow-build' });
      const saved = await slow.compute('SaveDraft', { app_name: 'slow-build', code: { image: { from_code: { archive } } } });
      const waiting = {
        code: grpc.status.FAILED_PRECONDITION,
        details: expect.stringContaining(`still building (build ${saved.draft.build_id}); wait for it`),
      };
      await expect(slow.compute('TestDraft', { app_name: 'slow-build' })).rejects.toMatchObject(waiting);
      await expect(slow.compute('PublishDraft', { app_name: 'slow-build' })).rejects.toMatchObject(waiting);
      expect((await slow.compute('GetDraftInfo', { app_name: 'slow-build' })).draft).toMatchObject({ image_ref: '', error: '' });
      await slow.build('CancelBuild', { build_id: saved.draft.build_id });
      await until(async () => ((await slow.compute('GetDraftInfo', { app_name: 'slow-build' })).draft.error ? true : undefined));
      expect((await slow.compute('GetDraftInfo', { app_name: 'slow-build' })).draft.error).toMatch(/cancelled/);
    } finally {
      await slow.close();
    }
  });
});

describe('replacing a draft whose image is still building', () => {
  it("cancels the replaced draft's build", async () => {
    const slow = await startIgniteWithClients({ limits: { buildStepDelayMs: 150 } });
    try {
      await slow.compute('CreateApp', { name: 'replaced' });
      const first = await slow.compute('SaveDraft', { app_name: 'replaced', code: { image: { from_code: { archive } } } });
      await slow.compute('SaveDraft', { app_name: 'replaced', code: { image: { prebuilt: { image_ref: 'ghcr.io/acme/app:1' } } } });
      const { build } = await slow.build('GetBuild', { build_id: first.draft.build_id });
      expect(build).toMatchObject({ status: 'BUILD_STATUS_CANCELLED' });
    } finally {
      await slow.close();
    }
  });
});

describe("the seed's four SaveDraft bodies over gRPC", () => {
  it('accepts each, with the secrets they name in place', async () => {
    const seed = await startIgniteWithClients({ defaultOrganization: 'my-org' });
    try {
      await seed.secrets('CreateSecret', {
        name: 'ghcr-creds',
        value: { registry_secret: { username: 'bot', password: 'pw', server_address: 'ghcr.io' } },
      });
      await seed.secrets('CreateSecret', { name: 'github-pat', value: { git_secret: { username: 'x-access-token', token: 'ghp_x' } } });
      await seed.compute('CreateApp', { organization_name: 'my-org', name: 'my-app' });
      const text = readFileSync(path.resolve('test/fixtures/seed-build-custom-image.txt'), 'utf8');
      const values: Record<string, string> = {
        ORG: 'my-org',
        APP: 'my-app',
        IMAGE_REF: 'admin-registry.dev.dodil.io/my-org/my-app:latest',
      };
      const bodies = [...text.matchAll(/-d '(\{[\s\S]*?\})' \\\n\$\{IGNITE_GRPC\} dodil\.ignite\.v1\.ComputeService\/SaveDraft/g)].map(
        (match) =>
          match[1]!
            .replace(/'"\$\{(\w+)\}"'/g, (_, name: string) => values[name] ?? '')
            .replace('<base64_zip_or_targz>', archive.toString('base64')),
      );
      expect(bodies).toHaveLength(4);
      const kinds = [];
      for (const body of bodies) kinds.push((await seed.compute('SaveDraft', JSON.parse(body) as Record<string, unknown>)).draft);
      expect(kinds.map((d) => d.code_kind)).toEqual([
        'CODE_KIND_PREBUILT',
        'CODE_KIND_PREBUILT',
        'CODE_KIND_UPLOAD_IMAGE',
        'CODE_KIND_GIT_IMAGE',
      ]);
      expect(kinds[1]).toMatchObject({ registry_secret_ref: 'ghcr-creds', image_ref: 'ghcr.io/acme/private-app:1.2.3' });
      expect(kinds[2].build_id).not.toBe('');
      expect(kinds[3].build_id).not.toBe('');
      // github.com cannot be reached from here: the git build fails and the draft says so.
      const last = await until(async () => {
        const { draft } = await seed.compute('GetDraftInfo', { organization_name: 'my-org', app_name: 'my-app' });
        return draft.error ? draft : undefined;
      });
      expect(last.error).toMatch(/failed/);
    } finally {
      await seed.close();
    }
  });
});
