/**
 * A prebuilt image from a private registry path, pulled by podman with a registry secret: the
 * credentials reach the engine only through the temporary auth file, which is gone afterwards, and
 * appear in no command line, environment, log line or result.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerEngine } from '../../src/local/engines/container-engine.js';
import { createLogger } from '../../src/shared/log.js';
import { startIgniteWithClients, type IgniteClients } from '../helpers/compute-client.js';
import { describeWithPodman, ENGINE_ENV, importHostBase, podmanFor, removeStore, testStoreDir } from '../helpers/engine.js';
import { startFakeRegistry, type FakeRegistry } from '../helpers/fake-registry.js';

const BASE = 'localhost/base/busybox:1';
const PASSWORD = `reg-pa55-${Math.random().toString(36).slice(2)}`;
let store: string;
let work: string;
let engine: ContainerEngine;
let registry: FakeRegistry;
let env: IgniteClients;
const logs: string[] = [];
/** Where the password was seen outside the auth file while the registry was being asked. */
const exposures: string[] = [];

/** Every process's command line and environment, searched for the password. */
function scanProcesses(): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    for (const file of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${file}`).includes(PASSWORD)) exposures.push(`/proc/${pid}/${file}`);
      } catch {
        continue;
      }
    }
  }
}

describeWithPodman('prebuilt images from a private registry (podman)', () => {
  beforeAll(async () => {
    store = testStoreDir('registry');
    work = mkdtempSync(path.join(os.tmpdir(), 'ignite-registry-'));
    engine = await podmanFor(store);
    await importHostBase(engine, 'busybox', BASE);
    // The image the registry serves, saved from a build in a store of its own.
    const context = path.join(work, 'context');
    mkdirSync(path.join(context, 'www'), { recursive: true });
    writeFileSync(path.join(context, 'www', 'healthz'), 'pulled and running\n');
    writeFileSync(
      path.join(context, 'Dockerfile'),
      `FROM ${BASE}\nCOPY www /www\nUSER 65534\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
    );
    await engine.checked(['build', '--pull=never', '-t', 'localhost/source/app:1', context]);
    await engine.checked(['save', '--format', 'oci-dir', '-o', path.join(work, 'oci'), 'localhost/source/app:1']);
    await engine.checked(['rmi', 'localhost/source/app:1']);
    registry = await startFakeRegistry({
      ociDir: path.join(work, 'oci'),
      repository: 'private/app',
      tag: '1',
      username: 'robot',
      password: PASSWORD,
      onAuthorized: scanProcesses,
    });
    env = await startIgniteWithClients({
      engine: 'podman',
      engineStoreDir: store,
      engineEnv: ENGINE_ENV,
      defaultOrganization: 'acme',
      logger: createLogger({ level: 'debug', write: (line) => void logs.push(line) }),
    });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    await registry?.close();
    if (store) await removeStore(store);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('pulls with the registry secret through a temporary auth file and runs the image', async () => {
    await env.secrets('CreateSecret', {
      name: 'private-registry',
      value: { registry_secret: { username: 'robot', password: PASSWORD, server_address: registry.host } },
    });
    await env.compute('CreateApp', { name: 'pulled', ports: [8080] });
    const ref = `${registry.host}/private/app:1`;
    const saved = await env.compute('SaveDraft', {
      app_name: 'pulled',
      code: { image: { prebuilt: { image_ref: ref, registry_secret_ref: 'private-registry' } } },
    });
    const res = await env.compute('TestDraft', { app_name: 'pulled', http: { method: 'GET', path: '/healthz' } });
    expect(res.status_code).toBe(200);
    expect(Buffer.from(res.body).toString()).toBe('pulled and running\n');

    const authorized = registry.requests.filter((request) => request.authorization);
    expect(authorized.length).toBeGreaterThan(0);
    expect(new Set(authorized.map((request) => request.authorization))).toEqual(
      new Set([`Basic ${Buffer.from(`robot:${PASSWORD}`).toString('base64')}`]),
    );
    expect(registry.requests.some((request) => request.url === '/v2/private/app/manifests/1')).toBe(true);
    expect(exposures).toEqual([]);
    const authRoot = path.dirname(env.ignite.store.filePath('engine-auth', 'probe'));
    expect(readdirSync(authRoot)).toEqual([]);
    const draft = (await env.compute('GetDraftInfo', { app_name: 'pulled' })).draft;
    for (const text of [JSON.stringify(saved), JSON.stringify(res), JSON.stringify(draft), logs.join('\n')])
      expect(text).not.toContain(PASSWORD);
    expect(draft.image_digest).toBe((await engine.inspectImage(ref))!.digest);
  });

  it("fails the draft with the engine's own error when the registry refuses the credentials", async () => {
    await env.secrets('CreateSecret', {
      name: 'wrong-registry',
      value: { registry_secret: { username: 'robot', password: 'not-the-password', server_address: registry.host } },
    });
    await env.compute('CreateApp', { name: 'refused', ports: [8080] });
    await env.compute('SaveDraft', {
      app_name: 'refused',
      code: { image: { prebuilt: { image_ref: `${registry.host}/private/app:2`, registry_secret_ref: 'wrong-registry' } } },
    });
    const err = (await env.compute('TestDraft', { app_name: 'refused' }).catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(err.details).toMatch(/cannot be run: pulling 127\.0\.0\.1:\d+\/private\/app:2 failed: .*(unauthorized|authentication required)/);
    expect(err.details).not.toContain('not-the-password');
    expect(readdirSync(path.dirname(env.ignite.store.filePath('engine-auth', 'probe')))).toEqual([]);
  });
});
