import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeResponse__Output } from '../../../src/contract/generated/dodil/ignite/v1/InvokeResponse.js';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';
import { json, waitGone } from '../../helpers/app-process.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 2000 } });
});
afterAll(() => env.close());

const bodyOf = (frames: InvokeResponse__Output[]) => Buffer.concat(frames.filter((f) => f.frame === 'chunk').map((f) => f.chunk!));
const info = async (app: string) => {
  const frames = await env.invoke({ app_name: app, http: { method: 'GET', path: '/info' } });
  return { version: frames[0]!.head!.version, pid: json(bodyOf(frames)).pid as number };
};
const saveImage = (app: string, ref: string, secret = '') =>
  env.compute('SaveDraft', { app_name: app, code: { image: { prebuilt: { image_ref: ref, registry_secret_ref: secret } } } });
const statuses = async (app: string) =>
  (await env.compute('ListAppVersions', { app_name: app })).versions.map((v: { version: number; status: string }) => [v.version, v.status]);

describe('test results per digest', () => {
  it('a 2xx TestDraft marks exactly that digest tested; PublishDraft freezes the result into the version', async () => {
    const v1 = registerExampleImage(env.ignite, { name: 'tested', tag: 'v1' });
    await env.compute('CreateApp', { name: 'tested' });
    await saveImage('tested', v1.ref);
    expect((await env.compute('GetDraftInfo', { app_name: 'tested' })).draft.last_test).toBeNull();

    const failing = await env.compute('TestDraft', { app_name: 'tested', http: { method: 'GET', path: '/fail' } });
    expect((await env.compute('GetDraftInfo', { app_name: 'tested' })).draft.last_test).toMatchObject({
      image_digest: v1.digest,
      status_code: 500,
      passed: false,
      execution_id: failing.execution_id,
    });
    await env.compute('TestDraft', { app_name: 'tested', body: Buffer.from('{}') });
    expect((await env.compute('GetDraftInfo', { app_name: 'tested' })).draft.last_test).toMatchObject({ status_code: 200, passed: true });

    const published = await env.compute('PublishDraft', { app_name: 'tested', expected_image_digest: v1.digest });
    expect(published.version_info).toMatchObject({ image_digest: v1.digest, test: { passed: true, image_digest: v1.digest } });
    const got = await env.compute('GetAppVersion', { app_name: 'tested', version: 1 });
    expect(got.version).toMatchObject({ version: 1, status: 'VERSION_STATUS_ACTIVE', test: { passed: true } });

    // Another digest under a new draft has no test of its own, though the old digest's result is kept.
    const v2 = registerExampleImage(env.ignite, { name: 'tested', tag: 'v2' });
    await saveImage('tested', v2.ref);
    expect((await env.compute('GetDraftInfo', { app_name: 'tested' })).draft).toMatchObject({ image_digest: v2.digest, last_test: null });
    const untested = await env.compute('PublishDraft', { app_name: 'tested' });
    expect(untested.version_info).toMatchObject({ version: 2, image_digest: v2.digest, test: null });
  });

  it('expected_image_digest: a draft that now runs another digest is not published', async () => {
    await expect(
      env.compute('PublishDraft', { app_name: 'tested', expected_image_digest: `sha256:${'0'.repeat(64)}` }),
    ).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('nothing was published'),
    });
    expect((await env.compute('ListAppVersions', { app_name: 'tested' })).versions).toHaveLength(2);
  });

  it('GetAppVersion: NOT_FOUND for a missing version or app', async () => {
    await expect(env.compute('GetAppVersion', { app_name: 'tested', version: 9 })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('versions are 1 to 2'),
    });
    await expect(env.compute('GetAppVersion', { app_name: 'ghost', version: 1 })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });
});

describe('RollbackApp', () => {
  beforeAll(async () => {
    await env.secrets('CreateSecret', { name: 'pull-creds', value: { registry_secret: { username: 'u', password: 'p' } } });
    await env.compute('CreateApp', { name: 'roll' });
    for (const tag of ['v1', 'v2', 'v3']) {
      await saveImage('roll', registerExampleImage(env.ignite, { name: 'roll', tag }).ref, tag === 'v1' ? 'pull-creds' : '');
      await env.compute('PublishDraft', { app_name: 'roll' });
    }
  });

  it('refuses what is not a move back to an existing earlier version, and changes nothing', async () => {
    const cases: [Record<string, unknown>, grpc.status, RegExp][] = [
      [{ version: 0 }, grpc.status.INVALID_ARGUMENT, /version is required/],
      [{ version: 7 }, grpc.status.NOT_FOUND, /version 7 of app "roll" not found; its versions are 1 to 3/],
      [{ version: 3 }, grpc.status.FAILED_PRECONDITION, /already the active version/],
    ];
    for (const [request, code, details] of cases) {
      await expect(env.compute('RollbackApp', { app_name: 'roll', ...request })).rejects.toMatchObject({
        code,
        details: expect.stringMatching(details),
      });
    }
    await expect(env.compute('RollbackApp', { app_name: 'ghost', version: 1 })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    expect((await info('roll')).version).toBe(3);
  });

  it('moves traffic back once the earlier version is healthy, and stops the one it replaces', async () => {
    const v3 = await info('roll');
    const rolled = await env.compute('RollbackApp', { app_name: 'roll', version: 2 });
    expect(rolled).toMatchObject({ previous_version: 3, version_info: { version: 2, status: 'VERSION_STATUS_ACTIVE' } });
    expect(await waitGone(v3.pid)).toBe(true);
    expect((await info('roll')).version).toBe(2);
    expect(await statuses('roll')).toEqual([
      [1, 'VERSION_STATUS_SUPERSEDED'],
      [2, 'VERSION_STATUS_ACTIVE'],
      [3, 'VERSION_STATUS_SUPERSEDED'],
    ]);
    await expect(env.compute('RollbackApp', { app_name: 'roll', version: 3 })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('only moves back to an earlier version'),
    });
  });

  it('a version that cannot start is not made active: the active one keeps serving', async () => {
    const serving = await info('roll');
    await env.compute('UpdateAppConfig', { app_name: 'roll', env: { set: { CRASH_ON_START: '1' } } });
    await expect(env.compute('RollbackApp', { app_name: 'roll', version: 1 })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/did not become healthy[\s\S]*CRASH_ON_START/),
    });
    expect((await env.compute('GetApp', { app_name: 'roll' })).app.active_version).toBe(2);
    const state = await env.compute('GetAppState', { app_name: 'roll' });
    expect(state.instances).toEqual([expect.objectContaining({ version: 2, pid: serving.pid, state: 'INSTANCE_STATE_READY' })]);
    await env.compute('UpdateAppConfig', { app_name: 'roll', env: { remove: ['CRASH_ON_START'] } });

    // Version 1 pulls with a registry secret, read again at its cold start.
    await env.secrets('DeleteSecret', { name: 'pull-creds' });
    await expect(env.compute('RollbackApp', { app_name: 'roll', version: 1 })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('secret "pull-creds" named by registry_secret_ref no longer exists'),
    });
    expect((await env.compute('GetApp', { app_name: 'roll' })).app.active_version).toBe(2);
  });
});

describe('GetAppState and DeleteApp', () => {
  it('shows config, draft, active version, running instances and readiness', async () => {
    await env.compute('CreateApp', { name: 'stateful', ports: [8080] });
    const notPublished = await env.compute('GetAppState', { app_name: 'stateful' });
    expect(notPublished).toMatchObject({
      readiness: 'APP_READINESS_NOT_PUBLISHED',
      draft: null,
      active: null,
      instances: [],
      version_count: 0,
    });

    const image = registerExampleImage(env.ignite, { name: 'stateful' });
    await saveImage('stateful', image.ref);
    await env.compute('TestDraft', { app_name: 'stateful', body: Buffer.from('{}') });
    await env.compute('PublishDraft', { app_name: 'stateful' });
    const { pid } = await info('stateful');
    const state = await env.compute('GetAppState', { app_name: 'stateful' });
    expect(state).toMatchObject({
      app: { name: 'stateful', active_version: 1, ports: [8080] },
      active: { version: 1, image_digest: image.digest, test: { passed: true } },
      draft: { image_ref: image.ref },
      readiness: 'APP_READINESS_READY',
      version_count: 1,
    });
    const byVersion = Object.fromEntries(state.instances.map((i: { version: number }) => [i.version, i]));
    expect(byVersion[1]).toMatchObject({ instance_id: 'local/stateful@v1', pid, state: 'INSTANCE_STATE_READY', draft: false });
    expect(byVersion[1].ports[8080]).toBeGreaterThan(0);
    expect(byVersion[0]).toMatchObject({ draft: true, instance_id: 'local/stateful@draft' });
  });

  it('DeleteApp stops every process and removes the app, its draft and versions; the name can be reused', async () => {
    const state = await env.compute('GetAppState', { app_name: 'stateful' });
    const pids = state.instances.map((i: { pid: number }) => i.pid);
    const deleted = await env.compute('DeleteApp', { app_name: 'stateful' });
    expect(deleted).toEqual({ versions_deleted: 1, draft_deleted: true, instances_stopped: pids.length, cancelled_build_id: '' });
    for (const pid of pids) expect(await waitGone(pid)).toBe(true);
    for (const method of ['GetApp', 'GetAppState', 'GetDraftInfo', 'ListAppVersions', 'DeleteApp']) {
      await expect(env.compute(method, { app_name: 'stateful' }), method).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    }
    await env.compute('CreateApp', { name: 'stateful' });
    await saveImage('stateful', registerExampleImage(env.ignite, { name: 'stateful' }).ref);
    expect((await env.compute('PublishDraft', { app_name: 'stateful' })).version).toBe(1);
  });
});

describe('readiness across a restart', () => {
  it('IDLE while scaled to zero, BLOCKED when the active version cannot start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-state-'));
    let local = await startIgniteWithClients({ dataDir });
    try {
      await local.secrets('CreateSecret', { name: 'creds', value: { registry_secret: { username: 'u', password: 'p' } } });
      await local.compute('CreateApp', { name: 'sleepy' });
      const image = registerExampleImage(local.ignite, { name: 'sleepy' });
      await local.compute('SaveDraft', {
        app_name: 'sleepy',
        code: { image: { prebuilt: { image_ref: image.ref, registry_secret_ref: 'creds' } } },
      });
      await local.compute('PublishDraft', { app_name: 'sleepy' });
      await local.close();
      local = await startIgniteWithClients({ dataDir });
      expect(await local.compute('GetAppState', { app_name: 'sleepy' })).toMatchObject({
        readiness: 'APP_READINESS_IDLE',
        instances: [],
      });
      await local.secrets('DeleteSecret', { name: 'creds' });
      const blocked = await local.compute('GetAppState', { app_name: 'sleepy' });
      expect(blocked).toMatchObject({ readiness: 'APP_READINESS_BLOCKED', readiness_detail: expect.stringContaining('"creds"') });
    } finally {
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
