import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateBuildRequest } from '../../../src/contract/generated/dodil/ignite/v1/CreateBuildRequest.js';
import { buildApi, logText, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { tarGz } from './archives.js';

let t: TestIgnite;
let archive: Buffer;
beforeAll(async () => {
  t = await startTestIgnite();
  archive = await tarGz({ Dockerfile: 'FROM scratch\nARG TOKEN\nARG GREETING=hi\nCOPY a.txt /\n', 'a.txt': 'a' });
});
afterAll(() => t.close());

const asOrg = (org: string) => {
  const metadata = new grpc.Metadata();
  metadata.set('x-organization-name', org);
  return buildApi(t.client, metadata);
};

describe('CreateBuild validation', () => {
  const cases: [string, () => CreateBuildRequest, grpc.status, RegExp][] = [
    ['no name', () => ({ zipped_code: archive }), grpc.status.INVALID_ARGUMENT, /name is required/],
    ['an upper-case name', () => ({ name: 'My-App', zipped_code: archive }), grpc.status.INVALID_ARGUMENT, /invalid image name "My-App"/],
    ['a name with a trailing slash', () => ({ name: 'team/', zipped_code: archive }), grpc.status.INVALID_ARGUMENT, /invalid image name/],
    ['no source', () => ({ name: 'app' }), grpc.status.INVALID_ARGUMENT, /^exactly one source: context_id, zipped_code or git_source$/],
    ['an empty context_id', () => ({ name: 'app', context_id: '' }), grpc.status.INVALID_ARGUMENT, /context_id is empty/],
    ['an unknown context_id', () => ({ name: 'app', context_id: 'ctx_nope' }), grpc.status.NOT_FOUND, /build context "ctx_nope" not found/],
    [
      'zipped_code of 4 MB',
      () => ({ name: 'app', zipped_code: Buffer.alloc(4 * 1024 * 1024) }),
      grpc.status.INVALID_ARGUMENT,
      /under 4194304 bytes.*UploadBuildContext/,
    ],
    [
      'zipped_code that is no archive',
      () => ({ name: 'app', zipped_code: Buffer.from('hello') }),
      grpc.status.INVALID_ARGUMENT,
      /tar\.gz or zip/,
    ],
    [
      'a git source without url',
      () => ({ name: 'app', git_source: { reference: 'main' } }),
      grpc.status.INVALID_ARGUMENT,
      /git_source\.url is required/,
    ],
    [
      'a git url that is an option',
      () => ({ name: 'app', git_source: { url: '--upload-pack=evil' } }),
      grpc.status.INVALID_ARGUMENT,
      /is not a repository URL/,
    ],
    [
      'a git context_dir outside the clone',
      () => ({ name: 'app', git_source: { url: 'file:///x', context_dir: '../up' } }),
      grpc.status.INVALID_ARGUMENT,
      /context_dir/,
    ],
    ['a bad tag', () => ({ name: 'app', zipped_code: archive, tags: ['v1', '-bad'] }), grpc.status.INVALID_ARGUMENT, /invalid tag "-bad"/],
    [
      'a dockerfile outside the context',
      () => ({ name: 'app', zipped_code: archive, dockerfile: '../Dockerfile' }),
      grpc.status.INVALID_ARGUMENT,
      /dockerfile/,
    ],
    ['a negative timeout', () => ({ name: 'app', zipped_code: archive, timeout_secs: -5 }), grpc.status.INVALID_ARGUMENT, /timeout_secs/],
  ];
  it.each(cases)('refuses %s', async (_, request, code, message) => {
    await expect(t.builds.create(request())).rejects.toMatchObject({ code, details: expect.stringMatching(message) });
  });

  it('treats a context of another organization as missing', async () => {
    const upload = await asOrg('acme').upload([{ metadata: { name: 'acme-ctx', content_type: 'application/gzip' } }, { chunk: archive }]);
    await expect(asOrg('other').create({ name: 'app', context_id: upload.context_id })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
    const ok = await asOrg('acme').create({ name: 'app', context_id: upload.context_id });
    expect(ok.build?.organization_name).toBe('acme');
  });

  it('answers PENDING at once with the documented defaults filled in', async () => {
    const created = await t.builds.create({ name: 'team/app', zipped_code: archive, build_tier: 'LARGE' });
    expect(created.status).toBe('BUILD_STATUS_PENDING');
    expect(created.build).toMatchObject({
      build_id: created.build_id,
      status: 'BUILD_STATUS_PENDING',
      tags: ['latest'],
      dockerfile: 'Dockerfile',
      timeout_secs: '1800',
      source: 'inline',
      organization_name: 'local',
    });
    expect(Number(created.build?.created_at_ms)).toBeGreaterThan(Date.now() - 10_000);
    const done = await waitForBuild(t.builds, created.build_id);
    expect(done.image_refs).toEqual(['localhost/local/team/app:latest']);
  });
});

describe('GetBuild, ListBuilds, SaveBuildSecrets', () => {
  it('hides builds of other organizations and unknown ids behind NOT_FOUND', async () => {
    const { build_id } = await asOrg('acme').create({ name: 'private', zipped_code: archive });
    expect((await asOrg('acme').get(build_id)).build_id).toBe(build_id);
    await expect(asOrg('other').get(build_id)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(t.builds.get('bld_missing')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(asOrg('other').cancel(build_id)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('lists newest first in pages with an opaque cursor, filtered by name and status, own org only', async () => {
    const api = asOrg('lister');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api.create({ name: i % 2 ? 'odd' : 'even', zipped_code: archive })).build_id);
    await Promise.all(ids.map((id) => waitForBuild(api, id)));
    const first = await api.list({ limit: 2 });
    expect(first.builds.map((b) => b.build_id)).toEqual([ids[4], ids[3]]);
    const second = await api.list({ limit: 2, cursor: first.next_cursor });
    const third = await api.list({ limit: 2, cursor: second.next_cursor });
    expect([...second.builds, ...third.builds].map((b) => b.build_id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.next_cursor).toBe('');
    expect((await api.list({ name: 'odd' })).builds.map((b) => b.build_id)).toEqual([ids[3], ids[1]]);
    expect((await api.list({ status: 'BUILD_STATUS_SUCCEEDED' })).builds).toHaveLength(5);
    expect((await api.list({ status: 'BUILD_STATUS_FAILED' })).builds).toHaveLength(0);
    expect((await asOrg('nobody').list({})).builds).toEqual([]);
    await expect(api.list({ cursor: 'garbage' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('stores build secrets as names only, exposes them as build args, and never echoes or logs their values', async () => {
    const api = asOrg('secretive');
    const saved = await api.saveSecrets({
      build_secrets: { TOKEN: 's3cr3t-value' },
      registry_credentials: { 'ghcr.io': 'dXNlcjpwYXNz' },
      git_credentials: { username: 'bot', password: 'pat-123456' },
    });
    expect(saved).toEqual({ registry_servers: ['ghcr.io'], git_credentials_set: true, build_secret_names: ['TOKEN'] });
    const { build_id } = await api.create({ name: 'app', zipped_code: archive, build_args: { GREETING: 'hello' } });
    const build = await waitForBuild(api, build_id);
    expect(build.build_args).toEqual({ TOKEN: '[REDACTED:secret]', GREETING: 'hello' });
    const log = logText(await api.logs({ build_id, from_start: true })).join('\n');
    expect(log).not.toContain('s3cr3t-value');
    expect(log).not.toContain('not consumed');

    const replaced = await api.saveSecrets({ build_secrets: {} });
    expect(replaced).toEqual({ registry_servers: [], git_credentials_set: false, build_secret_names: [] });
    await expect(api.saveSecrets({ build_secrets: { 'bad-name': 'x' } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});
