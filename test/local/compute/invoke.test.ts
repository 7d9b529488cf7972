import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeResponse__Output } from '../../../src/contract/generated/dodil/ignite/v1/InvokeResponse.js';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';
import { isAlive, json, waitGone } from '../../helpers/app-process.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 2000 } });
});
afterAll(() => env.close());

function bodyOf(frames: InvokeResponse__Output[]): Buffer {
  return Buffer.concat(frames.filter((f) => f.frame === 'chunk').map((f) => f.chunk!));
}

async function pidOf(app: string, port = 0): Promise<number> {
  return json(bodyOf(await env.invoke({ app_name: app, http: { method: 'GET', path: '/info' }, port }))).pid;
}

describe('PublishDraft and Invoke', () => {
  it('refuses Invoke before anything is published', async () => {
    const image = registerExampleImage(env.ignite, { name: 'shop' });
    await env.compute('CreateApp', { name: 'shop' });
    await env.compute('SaveDraft', { app_name: 'shop', code: { image: { prebuilt: { image_ref: image.ref } } } });
    await expect(env.invoke({ app_name: 'shop' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('no published version; call PublishDraft'),
    });
    await expect(env.invoke({ app_name: 'nope' })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('CreateApp'),
    });
  });

  it('publishes version 1 and streams head -> chunks -> trailer', async () => {
    const published = await env.compute('PublishDraft', { app_name: 'shop' });
    expect(published).toMatchObject({
      version: 1,
      version_info: { version: 1, status: 'VERSION_STATUS_ACTIVE', code_kind: 'CODE_KIND_PREBUILT' },
    });
    expect((await env.compute('GetApp', { app_name: 'shop' })).app).toMatchObject({
      active_version: 1,
      deployment_state: 'DEPLOYMENT_STATE_ACTIVE',
    });

    const frames = await env.invoke({
      app_name: 'shop',
      http: { headers: { 'content-type': 'application/json' } },
      body: Buffer.from('{"n":42}'),
    });
    expect(frames[0]!.frame).toBe('head');
    expect(frames.at(-1)!.frame).toBe('trailer');
    const head = frames[0]!.head!;
    expect(head).toMatchObject({ status_code: 200, version: 1 });
    expect(json(bodyOf(frames))).toMatchObject({ echo: { n: 42 }, execution_id: head.execution_id, function_id: 'local/shop' });
    expect(frames.at(-1)!.trailer).toMatchObject({ body_bytes: String(bodyOf(frames).length), error: '' });
  });

  it('streams a body written in pieces as several chunk frames, as it arrives', async () => {
    const frames = await env.invoke({ app_name: 'shop', http: { method: 'GET', path: '/stream', query: 'chunks=4' } });
    const kinds = frames.map((f) => f.frame);
    expect(kinds[0]).toBe('head');
    expect(kinds.filter((k) => k === 'chunk').length).toBeGreaterThanOrEqual(4);
    expect(kinds.at(-1)).toBe('trailer');
    expect(bodyOf(frames).toString()).toBe('chunk 0\nchunk 1\nchunk 2\nchunk 3\n');
  });

  it('cuts large bodies into frames of at most 64 KiB', async () => {
    const frames = await env.invoke({ app_name: 'shop', http: { method: 'GET', path: '/stream', query: 'chunks=2&bytes=150000' } });
    const chunks = frames.filter((f) => f.frame === 'chunk').map((f) => f.chunk!.length);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(64 * 1024);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(300_000);
    expect(frames.at(-1)!.trailer!.body_bytes).toBe('300000');
  });

  it('carries an app 500 in the head of a normal stream', async () => {
    const frames = await env.invoke({ app_name: 'shop', http: { method: 'GET', path: '/fail' } });
    expect(frames[0]!.head!.status_code).toBe(500);
    expect(json(bodyOf(frames))).toEqual({ error: 'boom' });
    expect(frames.at(-1)!.trailer!.error).toBe('');
  });

  it('ends a body that breaks off with a trailer carrying the error', async () => {
    const frames = await env.invoke({ app_name: 'shop', http: { method: 'GET', path: '/abort' } });
    expect(frames[0]!.head!.status_code).toBe(200);
    expect(bodyOf(frames).toString()).toBe('partial body');
    expect(frames.at(-1)!.trailer!.error).toMatch(/broke off/);
  });

  it('publishes version 2, supersedes 1 and stops its process; a failed publish keeps 2 serving', async () => {
    const v1Pid = await pidOf('shop');
    const next = registerExampleImage(env.ignite, { name: 'shop', tag: 'v2' });
    await env.compute('SaveDraft', { app_name: 'shop', code: { image: { prebuilt: { image_ref: next.ref } } } });
    // An invocation in flight on version 1 is drained, not cut, when version 2 takes over.
    const inFlight = env.invoke({ app_name: 'shop', http: { method: 'GET', path: '/slow', query: 'ms=400' } });
    await new Promise((r) => setTimeout(r, 50));
    expect((await env.compute('PublishDraft', { app_name: 'shop' })).version).toBe(2);
    const drained = await inFlight;
    expect(drained[0]!.head).toMatchObject({ status_code: 200, version: 1 });
    expect(drained.at(-1)!.trailer!.error).toBe('');
    expect(await waitGone(v1Pid)).toBe(true);
    const v2Pid = await pidOf('shop');
    expect(v2Pid).not.toBe(v1Pid);
    const versions = await env.compute('ListAppVersions', { app_name: 'shop' });
    expect(versions.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'VERSION_STATUS_SUPERSEDED'],
      [2, 'VERSION_STATUS_ACTIVE'],
    ]);
    expect(versions.versions[1].image_digest).toBe(next.digest);

    const broken = registerExampleImage(env.ignite, { name: 'shop', tag: 'broken', config: { env: { FAIL_HEALTH: '1' } } });
    await env.compute('SaveDraft', { app_name: 'shop', code: { image: { prebuilt: { image_ref: broken.ref } } } });
    await expect(env.compute('PublishDraft', { app_name: 'shop' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/did not become healthy[\s\S]*Last stderr lines/),
    });
    expect((await env.compute('GetApp', { app_name: 'shop' })).app).toMatchObject({
      active_version: 2,
      deployment_state: 'DEPLOYMENT_STATE_ACTIVE',
    });
    expect((await env.compute('ListAppVersions', { app_name: 'shop' })).versions).toHaveLength(2);
    expect(await pidOf('shop')).toBe(v2Pid);
    const head = (await env.invoke({ app_name: 'shop' }))[0]!.head!;
    expect(head.version).toBe(2);
  });

  it('routes to the container port asked for: PORT for the first, PORT_<p> for each', async () => {
    const image = registerExampleImage(env.ignite, { name: 'multi' });
    await env.compute('CreateApp', { name: 'multi', ports: [8080, 9090] });
    await env.compute('SaveDraft', { app_name: 'multi', code: { image: { prebuilt: { image_ref: image.ref } } } });
    await env.compute('PublishDraft', { app_name: 'multi' });
    const served = async (port: number) =>
      (await env.invoke({ app_name: 'multi', port, body: Buffer.from('1') }))[0]!.head!.headers['x-container-port'];
    expect(await served(0)).toBe('8080');
    expect(await served(8080)).toBe('8080');
    expect(await served(9090)).toBe('9090');
    await expect(env.invoke({ app_name: 'multi', port: 7000 })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('[8080, 9090]'),
    });
    const draft = await env.compute('TestDraft', { app_name: 'multi', port: 9090, http: { method: 'GET', path: '/info' } });
    expect(draft.headers['x-container-port']).toBe('9090');
  });

  it('applies the execution timeout: DEADLINE_EXCEEDED when no head arrives in time', async () => {
    const image = registerExampleImage(env.ignite, { name: 'slow' });
    await env.compute('CreateApp', { name: 'slow', limits: { timeout_secs: 1 } });
    await env.compute('SaveDraft', { app_name: 'slow', code: { image: { prebuilt: { image_ref: image.ref } } } });
    await env.compute('PublishDraft', { app_name: 'slow' });
    await expect(env.invoke({ app_name: 'slow', http: { method: 'GET', path: '/slow', query: 'ms=3000' } })).rejects.toMatchObject({
      code: grpc.status.DEADLINE_EXCEEDED,
    });
  });

  it('leaves nothing running after close()', async () => {
    const pids = [
      await pidOf('shop'),
      await pidOf('multi'),
      json((await env.compute('TestDraft', { app_name: 'multi', http: { method: 'GET', path: '/info' } })).body).pid,
    ];
    expect(pids.every(isAlive)).toBe(true);
    await env.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });
});
