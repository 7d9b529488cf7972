import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ defaultOrganization: 'my-org' });
  await env.secrets('CreateSecret', {
    name: 'ghcr-creds',
    value: { registry_secret: { username: 'bot', password: 'pw', server_address: 'ghcr.io' } },
  });
  await env.secrets('CreateSecret', { name: 'github-pat', value: { git_secret: { username: 'x-access-token', token: 'ghp_x' } } });
  await env.compute('CreateApp', { name: 'my-app' });
});
afterAll(() => env.close());

const save = (code: Record<string, unknown>, app = 'my-app') =>
  env.compute('SaveDraft', { organization_name: 'my-org', app_name: app, code });
const prebuilt = (fields: Record<string, unknown>) => ({ image: { prebuilt: fields } });

/** The seed's SaveDraft bodies: the JSON after `-d '` of each grpcurl call to SaveDraft, shell placeholders filled in. */
function seedBodies(): Record<string, any>[] {
  const text = readFileSync(path.resolve('test/fixtures/seed-build-custom-image.txt'), 'utf8');
  const values: Record<string, string> = { ORG: 'my-org', APP: 'my-app', IMAGE_REF: 'admin-registry.dev.dodil.io/my-org/my-app:latest' };
  return [...text.matchAll(/-d '(\{[\s\S]*?\})' \\\n\$\{IGNITE_GRPC\} dodil\.ignite\.v1\.ComputeService\/SaveDraft/g)].map((match) =>
    JSON.parse(match[1]!.replace(/'"\$\{(\w+)\}"'/g, (_, name: string) => values[name] ?? '')),
  );
}

describe('SaveDraft', () => {
  it("accepts the seed's two prebuilt bodies as sent by grpcurl", async () => {
    const bodies = seedBodies();
    expect(bodies).toHaveLength(4);
    const first = await env.compute('SaveDraft', bodies[0]!);
    expect(first.draft).toMatchObject({
      status: 'VERSION_STATUS_DRAFT',
      code_kind: 'CODE_KIND_PREBUILT',
      image_ref: 'admin-registry.dev.dodil.io/my-org/my-app:latest',
      image_digest: '',
      code_hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    const second = await env.compute('SaveDraft', bodies[1]!);
    expect(second.draft).toMatchObject({ image_ref: 'ghcr.io/acme/private-app:1.2.3', registry_secret_ref: 'ghcr-creds' });
    expect(second.draft.code_hash).not.toBe(first.draft.code_hash);
    expect((await env.compute('GetDraftInfo', { organization_name: 'my-org', app_name: 'my-app' })).draft).toEqual(second.draft);
  });

  it('hashes the same source to the same code_hash and replaces the draft on every save', async () => {
    const a = await save(prebuilt({ image_ref: 'localhost/my-org/x:1' }));
    const b = await save(prebuilt({ image_ref: 'localhost/my-org/x:1' }));
    expect(b.draft.code_hash).toBe(a.draft.code_hash);
    expect(Number(b.draft.created_at_ms)).toBeGreaterThanOrEqual(Number(a.draft.created_at_ms));
  });

  it('records the digest of a local image at once', async () => {
    const image = registerExampleImage(env.ignite, { org: 'my-org', name: 'my-app', tag: 'v1' });
    expect((await save(prebuilt({ image_ref: image.ref }))).draft.image_digest).toBe(image.digest);
  });

  it('checks secret types both ways', async () => {
    await expect(save(prebuilt({ image_ref: 'ghcr.io/acme/app:1', registry_secret_ref: 'github-pat' }))).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('secret "github-pat" is a git secret; registry_secret_ref needs a registry secret'),
    });
    await expect(save({ image: { from_git: { url: 'https://github.com/acme/app.git', secret_ref: 'ghcr-creds' } } })).rejects.toMatchObject(
      {
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringContaining('secret "ghcr-creds" is a registry secret; secret_ref needs a git secret'),
      },
    );
    await expect(save(prebuilt({ image_ref: 'ghcr.io/acme/app:1', registry_secret_ref: 'nope' }))).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('CreateSecret'),
    });
    await expect(save({ image: { from_git: { url: 'https://github.com/acme/app.git', secret_ref: 'nope' } } })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it.each<[string, () => Record<string, unknown>, grpc.status, string]>([
    ['no code', () => ({}), grpc.status.INVALID_ARGUMENT, 'code is required'],
    ['empty image', () => ({ image: {} }), grpc.status.INVALID_ARGUMENT, 'exactly one of prebuilt, from_code or from_git'],
    ['compile', () => ({ compile: { source_code: Buffer.from('x') } }), grpc.status.UNIMPLEMENTED, 'image mode only'],
    ['prebuilt without ref', () => prebuilt({}), grpc.status.INVALID_ARGUMENT, 'image_ref is required'],
    ['ref with spaces', () => prebuilt({ image_ref: 'Has Spaces' }), grpc.status.INVALID_ARGUMENT, 'not a valid image reference'],
    ['uppercase repository', () => prebuilt({ image_ref: 'ghcr.io/Acme/App:1' }), grpc.status.INVALID_ARGUMENT, 'lowercase'],
    ['bad tag', () => prebuilt({ image_ref: 'ghcr.io/acme/app:bad tag' }), grpc.status.INVALID_ARGUMENT, 'not a valid image reference'],
    ['short digest', () => prebuilt({ image_ref: 'ghcr.io/acme/app@sha256:123' }), grpc.status.INVALID_ARGUMENT, 'digest'],
    [
      'from_code without context',
      () => ({ image: { from_code: { dockerfile_path: 'Dockerfile' } } }),
      grpc.status.INVALID_ARGUMENT,
      'needs a build context',
    ],
    [
      '4 MB archive',
      () => ({ image: { from_code: { archive: Buffer.alloc(4 * 1024 * 1024) } } }),
      grpc.status.INVALID_ARGUMENT,
      'UploadBuildContext',
    ],
    [
      'dockerfile outside context',
      () => ({ image: { from_code: { context_id: 'c1', dockerfile_path: '../Dockerfile' } } }),
      grpc.status.INVALID_ARGUMENT,
      'relative path',
    ],
    ['from_git without url', () => ({ image: { from_git: { reference: 'main' } } }), grpc.status.INVALID_ARGUMENT, 'url is required'],
    [
      'absolute sub_path',
      () => ({ image: { from_git: { url: 'https://x/y.git', sub_path: '/abs' } } }),
      grpc.status.INVALID_ARGUMENT,
      'sub_path',
    ],
  ])('rejects %s', async (_, code, status, message) => {
    await expect(save(code())).rejects.toMatchObject({ code: status, details: expect.stringContaining(message) });
  });

  it('accepts valid reference forms', async () => {
    for (const ref of [
      'nginx',
      'nginx:1.27',
      'docker.io/library/nginx:latest',
      'localhost:5000/a/b:c',
      `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`,
    ]) {
      await expect(save(prebuilt({ image_ref: ref }))).resolves.toMatchObject({ draft: { image_ref: ref } });
    }
  });

  it("needs an existing app (NOT_FOUND) and the caller's org", async () => {
    await expect(save(prebuilt({ image_ref: 'nginx' }), 'ghost')).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('CreateApp'),
    });
    const md = new grpc.Metadata();
    md.set('x-organization-name', 'other-org');
    await expect(
      env.compute('SaveDraft', { organization_name: 'my-org', app_name: 'my-app', code: prebuilt({ image_ref: 'nginx' }) }, md),
    ).rejects.toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
    });
  });

  it('PublishDraft without a draft is NOT_FOUND; with a remote image FAILED_PRECONDITION; a deleted registry secret stops the deploy', async () => {
    await env.compute('CreateApp', { name: 'fresh' });
    await expect(env.compute('PublishDraft', { app_name: 'fresh' })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('no draft'),
    });
    await save(prebuilt({ image_ref: 'ghcr.io/acme/private-app:1.2.3', registry_secret_ref: 'ghcr-creds' }), 'fresh');
    await expect(env.compute('PublishDraft', { app_name: 'fresh' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('cannot be pulled'),
    });
    const image = registerExampleImage(env.ignite, { org: 'my-org', name: 'fresh' });
    await env.secrets('CreateSecret', { name: 'temp-creds', value: { registry_secret: { username: 'u', password: 'p' } } });
    await save(prebuilt({ image_ref: image.ref, registry_secret_ref: 'temp-creds' }), 'fresh');
    await env.secrets('DeleteSecret', { name: 'temp-creds' });
    await expect(env.compute('PublishDraft', { app_name: 'fresh' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('no longer exists'),
    });
    expect((await env.compute('GetApp', { app_name: 'fresh' })).app.deployment_state).toBe('DEPLOYMENT_STATE_CREATED');
  });

  it('marks a first publish that cannot start DEPLOYMENT_STATE_FAILED, with nothing published', async () => {
    await env.compute('CreateApp', { name: 'doomed' });
    const image = registerExampleImage(env.ignite, { org: 'my-org', name: 'doomed', config: { env: { CRASH_ON_START: '1' } } });
    await save(prebuilt({ image_ref: image.ref }), 'doomed');
    await expect(env.compute('PublishDraft', { app_name: 'doomed' })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    expect((await env.compute('GetApp', { app_name: 'doomed' })).app).toMatchObject({
      deployment_state: 'DEPLOYMENT_STATE_FAILED',
      active_version: 0,
    });
    expect((await env.compute('ListAppVersions', { app_name: 'doomed' })).versions).toEqual([]);
  });

  it('ListAppVersions is empty before a publish and NOT_FOUND for an unknown app', async () => {
    expect(await env.compute('ListAppVersions', { app_name: 'my-app' })).toEqual({ versions: [], next_cursor: '' });
    await expect(env.compute('ListAppVersions', { app_name: 'ghost' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });
});
