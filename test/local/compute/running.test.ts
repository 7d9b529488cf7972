import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';
import { isAlive, json } from '../../helpers/app-process.js';

let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 2000 } });
});
afterAll(() => env.close());

async function appWithDraft(name: string, imageRef: string, extra: Record<string, unknown> = {}) {
  await env.compute('CreateApp', { name, ...extra });
  return env.compute('SaveDraft', { app_name: name, code: { image: { prebuilt: { image_ref: imageRef } } } });
}

describe('TestDraft', () => {
  it('runs the draft image as a host process and answers over real HTTP with the platform headers', async () => {
    const image = registerExampleImage(env.ignite, { name: 'echo' });
    const saved = await appWithDraft('echo', image.ref, { env: { GREETING: 'hi' } });
    expect(saved.draft).toMatchObject({ image_ref: image.ref, image_digest: image.digest, code_kind: 'CODE_KIND_PREBUILT' });

    const res = await env.compute('TestDraft', {
      app_name: 'echo',
      http: { headers: { 'content-type': 'application/json', 'x-ignite-execution-id': 'spoofed' }, query: 'a=1' },
      body: Buffer.from('{"hello":"world"}'),
    });
    expect(res.status_code).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(json(res.body)).toEqual({
      echo: { hello: 'world' },
      execution_id: res.execution_id,
      function_id: 'local/echo',
      organization_id: 'local',
      query: '?a=1',
      content_type: 'application/json',
    });
    expect(res.execution_id).not.toBe('spoofed');
    expect(Number(res.latency_ms)).toBeGreaterThanOrEqual(0);

    const info = json((await env.compute('TestDraft', { app_name: 'echo', http: { method: 'GET', path: '/info' } })).body);
    expect(info).toMatchObject({ node_env: 'production', greeting: 'hi' });
    expect(info.cwd).toBe(`${image.rootfs_dir}/app`);
    expect(info.home).toMatch(/\/tmp\/ignite$/);
    expect(info.home.startsWith(image.rootfs_dir)).toBe(false);
    const again = json((await env.compute('TestDraft', { app_name: 'echo', http: { method: 'GET', path: '/info' } })).body);
    expect(again.pid).toBe(info.pid);
  });

  it('carries an app 500 as a normal answer, not a gRPC error', async () => {
    const res = await env.compute('TestDraft', { app_name: 'echo', http: { method: 'GET', path: '/fail' } });
    expect(res.status_code).toBe(500);
    expect(json(res.body)).toEqual({ error: 'boom' });
  });

  it('caps the TestDraft body at 1 MiB and says how long the whole body was', async () => {
    const res = await env.compute('TestDraft', {
      app_name: 'echo',
      http: { method: 'GET', path: '/stream', query: 'chunks=2&bytes=600000' },
    });
    expect(res.status_code).toBe(200);
    expect(res.body.length).toBe(1024 * 1024);
    expect(res.headers['x-ignite-body-truncated']).toBe('1200000');
  });

  it('restarts the draft process when the app config changes', async () => {
    const before = json((await env.compute('TestDraft', { app_name: 'echo', http: { method: 'GET', path: '/info' } })).body);
    await env.compute('UpdateAppConfig', { app_name: 'echo', env: { set: { GREETING: 'hello again' } } });
    const after = json((await env.compute('TestDraft', { app_name: 'echo', http: { method: 'GET', path: '/info' } })).body);
    expect(after.greeting).toBe('hello again');
    expect(after.pid).not.toBe(before.pid);
    expect(isAlive(before.pid)).toBe(false);
  });

  it('NOT_FOUND "no draft" without a draft, FAILED_PRECONDITION for a remote image, INVALID_ARGUMENT for a bad envelope', async () => {
    await env.compute('CreateApp', { name: 'bare' });
    await expect(env.compute('GetDraftInfo', { app_name: 'bare' })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('no draft'),
    });
    await expect(env.compute('TestDraft', { app_name: 'bare' })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('no draft'),
    });
    await appWithDraft('remote', 'ghcr.io/acme/private-app:1.2.3');
    await expect(env.compute('TestDraft', { app_name: 'remote' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/cannot be pulled.*BuildService/),
    });
    await appWithDraft('missing-local', 'localhost/local/never-built:v1');
    await expect(env.compute('TestDraft', { app_name: 'missing-local' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('not in the local registry'),
    });
    await expect(env.compute('TestDraft', { app_name: 'echo', http: { path: 'no-slash' } })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    await expect(env.compute('TestDraft', { app_name: 'echo', http: { method: 'GE T' } })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    await expect(env.compute('TestDraft', { app_name: 'echo', port: 9999 })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('[80]'),
    });
  });

  it('refuses an image whose command is not on this host with FAILED_PRECONDITION', async () => {
    const image = registerExampleImage(env.ignite, {
      name: 'native',
      config: { entrypoint: ['/opt/app/bin/server-that-does-not-exist'], cmd: ['--serve'] },
    });
    await appWithDraft('native', image.ref);
    await expect(env.compute('TestDraft', { app_name: 'native' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(
        /server-that-does-not-exist.*not on this host's PATH|neither in the image's files nor on this host's PATH/,
      ),
    });
    const empty = registerExampleImage(env.ignite, { name: 'no-cmd', config: { cmd: [] } });
    await appWithDraft('no-cmd', empty.ref);
    await expect(env.compute('TestDraft', { app_name: 'no-cmd' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('no ENTRYPOINT or CMD'),
    });
    const named = registerExampleImage(env.ignite, { name: 'named-user', config: { user: 'node' } });
    await appWithDraft('named-user', named.ref);
    await expect(env.compute('TestDraft', { app_name: 'named-user' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('numeric USER'),
    });
  });

  it('runs image files: an absolute ENTRYPOINT inside the image and absolute argv paths are rewritten to the rootfs', async () => {
    const image = registerExampleImage(env.ignite, {
      name: 'script',
      config: { entrypoint: ['/app/start.sh'], cmd: ['/app/server.js'] },
      files: { 'app/start.sh': '#!/bin/sh\necho "starting $1" >&2\nexec node "$1"\n' },
    });
    await appWithDraft('script', image.ref);
    const res = await env.compute('TestDraft', { app_name: 'script', http: { method: 'GET', path: '/info' } });
    expect(res.status_code).toBe(200);
  });

  it("reports a health timeout with the process's last stderr lines", async () => {
    const image = registerExampleImage(env.ignite, { name: 'unhealthy', config: { env: { FAIL_HEALTH: '1' } } });
    await appWithDraft('unhealthy', image.ref);
    const started = Date.now();
    const err = await env.compute('TestDraft', { app_name: 'unhealthy' }).catch((e: grpc.ServiceError) => e);
    expect(err).toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    expect((err as grpc.ServiceError).details).toMatch(
      /GET \/healthz on \$PORT=\d+ \(127\.0\.0\.1:\d+, the host port of container port 80\) did not answer 2xx within 2000 ms \(the last answer was HTTP 503\)/,
    );
    expect((err as grpc.ServiceError).details).toMatch(/Last stderr lines:\n.*listening on 0\.0\.0\.0/);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('reports an early exit at once, quoting stderr', async () => {
    const image = registerExampleImage(env.ignite, { name: 'crashy', config: { env: { CRASH_ON_START: '1' } } });
    await appWithDraft('crashy', image.ref);
    const started = Date.now();
    await expect(env.compute('TestDraft', { app_name: 'crashy' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/exited with code 3[\s\S]*refusing to start: CRASH_ON_START is set/),
    });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
