import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgMetadata, startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ defaultOrganization: 'acme' });
});
afterAll(() => env.close());

const code = (status: grpc.status, details?: string) => ({
  code: status,
  ...(details ? { details: expect.stringContaining(details) } : {}),
});

describe('ComputeService apps', () => {
  it('CreateApp applies MEDIUM by default (512 MB / 500 m), state CREATED, default port and health path', async () => {
    const created = await env.compute('CreateApp', { organization_name: 'acme', name: 'my-app', description: 'echo', env: { A: '1' } });
    expect(created).toMatchObject({
      app_id: 'acme/my-app',
      deployment_state: 'DEPLOYMENT_STATE_CREATED',
      applied_tier: 'RESOURCE_TIER_MEDIUM',
      applied_limits: { memory_mb: 512, cpu_millicores: 500, timeout_secs: 300 },
    });
    expect(created.app).toMatchObject({
      id: 'acme/my-app',
      ports: [],
      health_path: '/healthz',
      active_version: 0,
      version: 0,
      env: { A: '1' },
    });
    const got = await env.compute('GetApp', { organization_name: 'acme', app_name: 'my-app' });
    expect(got.app).toMatchObject({ name: 'my-app', organization_name: 'acme', description: 'echo' });
  });

  it('CreateApp takes tiers, explicit limits, ports and a health path', async () => {
    const created = await env.compute('CreateApp', {
      name: 'big.api',
      resource_tier: 'RESOURCE_TIER_XLARGE',
      limits: { cpu_millicores: 3000 },
      ports: [8080, 9090],
      health_path: '/ready',
    });
    expect(created.applied_limits).toEqual({ memory_mb: 2048, cpu_millicores: 3000, timeout_secs: 300 });
    expect(created.app).toMatchObject({ organization_name: 'acme', ports: [8080, 9090], health_path: '/ready' });
  });

  it('CreateApp refuses a second app of the same name with ALREADY_EXISTS', async () => {
    await env.compute('CreateApp', { name: 'dup' });
    await expect(env.compute('CreateApp', { name: 'dup' })).rejects.toMatchObject(code(grpc.status.ALREADY_EXISTS, 'already exists'));
  });

  it.each([
    [{ name: '' }, 'name is required'],
    [{ name: 'My_App' }, 'lowercase'],
    [{ name: '-lead' }, 'lowercase'],
    [{ name: 'a'.repeat(64) }, 'at most 63'],
    [{ name: 'ok', ports: [0] }, 'out of range'],
    [{ name: 'ok', ports: [70000] }, 'out of range'],
    [{ name: 'ok', ports: [8080, 8080] }, 'listed twice'],
    [{ name: 'ok', health_path: 'healthz' }, 'health_path'],
    [{ name: 'ok', env: { '1BAD': 'x' } }, 'env name'],
    [{ name: 'ok', limits: { memory_mb: 1_000_000 } }, 'limits.memory_mb'],
    [{ name: 'ok', code: { image: {} } }, 'exactly one of prebuilt'],
  ])('CreateApp rejects %j with INVALID_ARGUMENT', async (request, message) => {
    await expect(env.compute('CreateApp', request)).rejects.toMatchObject(code(grpc.status.INVALID_ARGUMENT, message));
  });

  it('CreateApp with an invalid code creates nothing', async () => {
    await expect(
      env.compute('CreateApp', { name: 'half', code: { image: { prebuilt: { image_ref: 'NOT A REF' } } } }),
    ).rejects.toMatchObject(code(grpc.status.INVALID_ARGUMENT, 'image_ref'));
    await expect(env.compute('GetApp', { app_name: 'half' })).rejects.toMatchObject(code(grpc.status.NOT_FOUND));
  });

  it('CreateApp with code saves the draft in the same call', async () => {
    const ref = 'localhost/acme/nothing-here:v1';
    await env.compute('CreateApp', { name: 'with-code', code: { image: { prebuilt: { image_ref: ref } } } });
    const info = await env.compute('GetDraftInfo', { app_name: 'with-code' });
    expect(info.draft).toMatchObject({ status: 'VERSION_STATUS_DRAFT', code_kind: 'CODE_KIND_PREBUILT', image_ref: ref });
    expect((await env.compute('GetApp', { app_name: 'with-code' })).app.deployment_mode).toBe('DEPLOYMENT_MODE_IMAGE');
  });

  it('GetApp on an unknown app is NOT_FOUND naming the app and suggesting CreateApp', async () => {
    await expect(env.compute('GetApp', { organization_name: 'acme', app_name: 'ghost' })).rejects.toMatchObject(
      code(grpc.status.NOT_FOUND, '"ghost"'),
    );
    await expect(env.compute('GetApp', { app_name: 'ghost' })).rejects.toMatchObject(code(grpc.status.NOT_FOUND, 'CreateApp'));
    await expect(env.compute('GetApp', { app_name: '' })).rejects.toMatchObject(code(grpc.status.INVALID_ARGUMENT, 'app_name'));
  });

  it('UpdateAppConfig changes only the fields present', async () => {
    await env.compute('CreateApp', { name: 'cfg', env: { KEEP: '1', DROP: '2' }, description: 'before', ports: [8080] });
    const updated = await env.compute('UpdateAppConfig', { app_name: 'cfg', env: { set: { NEW: '3' }, remove: ['DROP'] } });
    expect(updated.app).toMatchObject({ env: { KEEP: '1', NEW: '3' }, description: 'before', ports: [8080], health_path: '/healthz' });
    const ported = await env.compute('UpdateAppConfig', {
      app_name: 'cfg',
      ports: { ports: [8080, 9000] },
      health_path: '/up',
      description: '',
    });
    expect(ported.app).toMatchObject({ ports: [8080, 9000], health_path: '/up', description: '', env: { KEEP: '1', NEW: '3' } });
    const replaced = await env.compute('UpdateAppConfig', { app_name: 'cfg', env: { set: { ONLY: 'x' }, replace: true } });
    expect(replaced.app.env).toEqual({ ONLY: 'x' });
    const tier = await env.compute('UpdateAppConfig', {
      app_name: 'cfg',
      resource_tier: 'RESOURCE_TIER_SMALL',
      limits: { timeout_secs: 30 },
    });
    expect(tier.app).toMatchObject({
      resource_tier: 'RESOURCE_TIER_SMALL',
      limits: { memory_mb: 256, cpu_millicores: 250, timeout_secs: 30 },
    });
    const reset = await env.compute('UpdateAppConfig', { app_name: 'cfg', ports: { ports: [] } });
    expect(reset.app.ports).toEqual([]);
  });

  it.each([
    [{ ports: { ports: [1, 65536] } }, 'out of range'],
    [{ ports: { ports: [80, 80] } }, 'listed twice'],
    [{ health_path: 'no-slash' }, 'health_path'],
    [{ env: { set: { 'BAD NAME': 'x' } } }, 'env.set name'],
    [{ env: { set: { A: '1' }, remove: ['A'] } }, 'both set and removed'],
    [{}, 'nothing to update'],
  ])('UpdateAppConfig rejects %j with INVALID_ARGUMENT', async (change, message) => {
    if (!(await env.compute('ListApps', {})).apps.some((a: { name: string }) => a.name === 'strict'))
      await env.compute('CreateApp', { name: 'strict' });
    await expect(env.compute('UpdateAppConfig', { app_name: 'strict', ...change })).rejects.toMatchObject(
      code(grpc.status.INVALID_ARGUMENT, message),
    );
  });

  it('UpdateAppConfig on an unknown app is NOT_FOUND', async () => {
    await expect(env.compute('UpdateAppConfig', { app_name: 'ghost', description: 'x' })).rejects.toMatchObject(
      code(grpc.status.NOT_FOUND, 'CreateApp'),
    );
  });

  it("ListApps pages through the organization's apps by name", async () => {
    await env.compute('CreateApp', { organization_name: 'pager', name: 'c' }, orgMetadata('pager'));
    await env.compute('CreateApp', { name: 'a' }, orgMetadata('pager'));
    await env.compute('CreateApp', { name: 'b' }, orgMetadata('pager'));
    const first = await env.compute('ListApps', { limit: 2 }, orgMetadata('pager'));
    const second = await env.compute('ListApps', { limit: 2, cursor: first.next_cursor }, orgMetadata('pager'));
    expect(first.apps.map((a: { name: string }) => a.name)).toEqual(['a', 'b']);
    expect(second).toMatchObject({ apps: [{ name: 'c', id: 'pager/c' }], next_cursor: '' });
  });

  it('blocks cross-org access with PERMISSION_DENIED and scopes apps per org', async () => {
    await expect(env.compute('GetApp', { organization_name: 'acme', app_name: 'my-app' }, orgMetadata('intruder'))).rejects.toMatchObject(
      code(grpc.status.PERMISSION_DENIED, 'cross-org'),
    );
    await expect(env.compute('GetApp', { app_name: 'my-app' }, orgMetadata('intruder'))).rejects.toMatchObject(code(grpc.status.NOT_FOUND));
  });

  it('HealthCheck answers without credentials even in required-token mode', async () => {
    const locked = await startIgniteWithClients({ requiredToken: 'secret-token-1' });
    try {
      expect(await locked.compute('HealthCheck', {})).toEqual({ status: 'SERVING', version: 'local' });
      await expect(locked.compute('ListApps', {})).rejects.toMatchObject(code(grpc.status.UNAUTHENTICATED));
    } finally {
      await locked.close();
    }
  });
});
