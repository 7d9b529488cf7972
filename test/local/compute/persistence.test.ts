import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';
import { isAlive, json } from '../../helpers/app-process.js';

let env: IgniteClients | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('ComputeService state across a restart', () => {
  it('keeps apps, drafts, versions and secrets; processes stop with the server and start lazily on the next Invoke', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-compute-'));
    env = await startIgniteWithClients({ dataDir });
    await env.secrets('CreateSecret', { name: 'regcred', value: { registry_secret: { username: 'u', password: 'p' } } });
    const v1 = registerExampleImage(env.ignite, { name: 'kept', tag: 'v1' });
    const v2 = registerExampleImage(env.ignite, { name: 'kept', tag: 'v2' });
    await env.compute('CreateApp', { name: 'kept', env: { GREETING: 'persisted' }, ports: [8080] });
    await env.compute('SaveDraft', {
      app_name: 'kept',
      code: { image: { prebuilt: { image_ref: v1.ref, registry_secret_ref: 'regcred' } } },
    });
    await env.compute('PublishDraft', { app_name: 'kept' });
    await env.compute('SaveDraft', { app_name: 'kept', code: { image: { prebuilt: { image_ref: v2.ref } } } });
    await env.compute('PublishDraft', { app_name: 'kept' });
    const before = {
      app: (await env.compute('GetApp', { app_name: 'kept' })).app,
      draft: (await env.compute('GetDraftInfo', { app_name: 'kept' })).draft,
      versions: (await env.compute('ListAppVersions', { app_name: 'kept' })).versions,
    };
    const frames = await env.invoke({ app_name: 'kept', http: { method: 'GET', path: '/info' } });
    const oldPid = json(frames[1]!.chunk!).pid as number;
    await env.close();
    expect(isAlive(oldPid)).toBe(false);

    env = await startIgniteWithClients({ dataDir });
    expect((await env.compute('GetApp', { app_name: 'kept' })).app).toEqual(before.app);
    expect((await env.compute('GetDraftInfo', { app_name: 'kept' })).draft).toEqual(before.draft);
    expect((await env.compute('ListAppVersions', { app_name: 'kept' })).versions).toEqual(before.versions);
    expect(before.versions.map((v: { status: string }) => v.status)).toEqual(['VERSION_STATUS_SUPERSEDED', 'VERSION_STATUS_ACTIVE']);
    expect((await env.secrets('GetSecret', { name: 'regcred' })).metadata.type).toBe('registry_secret');

    const after = await env.invoke({ app_name: 'kept', http: { method: 'GET', path: '/info' } });
    expect(after[0]!.head).toMatchObject({ status_code: 200, version: 2 });
    const info = json(Buffer.concat(after.filter((f) => f.frame === 'chunk').map((f) => f.chunk!)));
    expect(info.greeting).toBe('persisted');
    expect(info.pid).not.toBe(oldPid);
  });

  it("reads a version's registry secret again on a cold start", async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-compute-'));
    env = await startIgniteWithClients({ dataDir });
    await env.secrets('CreateSecret', { name: 'pull', value: { registry_secret: { username: 'u', password: 'p' } } });
    const image = registerExampleImage(env.ignite, { name: 'private' });
    await env.compute('CreateApp', { name: 'private' });
    await env.compute('SaveDraft', {
      app_name: 'private',
      code: { image: { prebuilt: { image_ref: image.ref, registry_secret_ref: 'pull' } } },
    });
    await env.compute('PublishDraft', { app_name: 'private' });
    await env.secrets('DeleteSecret', { name: 'pull' });
    expect((await env.invoke({ app_name: 'private' }))[0]!.head!.status_code).toBe(200);
    await env.close();
    env = await startIgniteWithClients({ dataDir });
    await expect(env.invoke({ app_name: 'private' })).rejects.toMatchObject({
      details: expect.stringContaining('"pull" named by registry_secret_ref no longer exists'),
    });
  });
});
