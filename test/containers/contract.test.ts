/**
 * Apps run as podman containers under Ignite's container contract (docs/ignite-api.md §5.7). The
 * test app is busybox httpd with CGI scripts that report what the container sees.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerEngine } from '../../src/local/engines/container-engine.js';
import { LABELS } from '../../src/local/engines/engine-choice.js';
import { CANARY } from '../helpers/canary.js';
import { startIgniteWithClients, type IgniteClients } from '../helpers/compute-client.js';
import {
  containersWith,
  describeWithPodman,
  ENGINE_ENV,
  importHostBase,
  podmanFor,
  processesWith,
  removeStore,
  testStoreDir,
} from '../helpers/engine.js';
import { tarGz, type Files } from '../local/builder/archives.js';

const BASE = 'localhost/base/busybox:1';
let store: string;
let engine: ContainerEngine;
let env: IgniteClients;
const dataDirs: string[] = [];

const CGI = (body: string) => `#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n${body}\n`;
/** httpd on the fixed port 8080 (it ignores $PORT), with /healthz and CGI reports. */
function httpdApp(options: { user?: string; port?: number; extra?: string; run?: string } = {}): Files {
  const user = options.user === undefined ? 'USER 1000\n' : options.user ? `USER ${options.user}\n` : '';
  return {
    Dockerfile: `FROM ${BASE}\nCOPY www /www\nCOPY www2 /www2\nRUN chmod 755 /www/cgi-bin/*${options.run ? ` && ${options.run}` : ''}\n${user}EXPOSE 8080\nCMD ${options.extra ?? `["httpd", "-f", "-vv", "-p", "${options.port ?? 8080}", "-h", "/www"]`}\n`,
    'www/healthz': 'ok\n',
    'www/cgi-bin/env': CGI('env | sort'),
    'www/cgi-bin/writes': CGI('touch /outside 2>&1 || true\ntouch "$HOME/inside" && echo "home writable: $HOME"\nid -u'),
    'www/cgi-bin/limits': CGI(
      'cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max\ncat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cat /sys/fs/cgroup/cpu.max',
    ),
    'www/cgi-bin/grow': CGI('head -c 100000000 /dev/zero | tr "\\0" a | sort > /dev/null; echo "sort exit $?"'),
    'www2/second.txt': 'from the second port\n',
  };
}

async function draftFrom(name: string, files: Files, app: Record<string, unknown> = {}): Promise<Record<string, any>> {
  await env.compute('CreateApp', { name, ports: [8080], ...app });
  await env.compute('SaveDraft', { app_name: name, code: { image: { from_code: { archive: await tarGz(files) } } } });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { draft } = await env.compute('GetDraftInfo', { app_name: name });
    if (draft.image_ref || draft.error) return draft;
    if (Date.now() > deadline) throw new Error(`draft of ${name} still building`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const text = (res: Record<string, any>) => Buffer.from(res.body).toString('utf8');
const get = (app: string, urlPath: string, port?: number) =>
  env.compute('TestDraft', { app_name: app, http: { method: 'GET', path: urlPath }, ...(port ? { port } : {}) });

async function startIgnite(dataDir?: string): Promise<IgniteClients> {
  return startIgniteWithClients({
    engine: 'podman',
    engineStoreDir: store,
    // The engine's environment has a proxy: podman must not copy it into the apps.
    engineEnv: { ...ENGINE_ENV, HTTP_PROXY: 'http://proxy.invalid:3128' },
    dataDir,
    requiredToken: undefined,
    defaultOrganization: 'acme',
    limits: { appStartTimeoutMs: 4000 },
  });
}

describeWithPodman('the container contract (podman)', () => {
  beforeAll(async () => {
    store = testStoreDir('contract');
    engine = await podmanFor(store);
    await importHostBase(engine, 'busybox', BASE);
    env = await startIgnite();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    if (store) await removeStore(store);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a fixed-port app healthy on its configured port, with PORT set to it and every port published on loopback', async () => {
    const app = httpdApp({
      extra: `["sh", "-c", "httpd -p 9090 -h /www2 && exec httpd -f -vv -p 8080 -h /www"]`,
      // The host's proxy reaches RUN steps (as Docker's predefined proxy args), and only them.
      run: 'echo "proxy in RUN: $HTTP_PROXY" > /www/build-proxy.txt',
    });
    const draft = await draftFrom('web', app, { ports: [8080, 9090], env: { GREETING: 'hello' } });
    expect(draft.error).toBe('');
    const res = await get('web', '/cgi-bin/env');
    expect(res.status_code).toBe(200);
    // CGI passes request headers as HTTP_* (the platform's x-ignite-* headers among them); the rest is the container's env.
    const seen = text(res)
      .split('\n')
      .filter((line) => !line.startsWith('HTTP_'))
      .join('\n');
    expect(seen).toMatch(/^PORT=8080$/m);
    expect(seen).toMatch(/^GREETING=hello$/m);
    expect(seen).toMatch(/^HOME=\/home\/app$/m);
    // Nothing of the local Ignite or the MCP server: no proxy of the engine's environment, no token.
    expect(seen).not.toMatch(/PROXY|proxy|DODIL|IGNITE_|TOKEN/);
    expect(seen).not.toContain(CANARY);
    expect(text(await get('web', '/second.txt', 9090))).toBe('from the second port\n');
    expect(text(await get('web', '/build-proxy.txt'))).toBe('proxy in RUN: http://proxy.invalid:3128\n');
    expect((await engine.inspectImage(draft.image_ref))!.config.env).not.toHaveProperty('HTTP_PROXY');
    const [id] = await containersWith(engine, `${LABELS.app}=acme/web`);
    const ports = await engine.command(['port', id!]);
    expect(ports.stdout).toMatch(/^8080\/tcp -> 127\.0\.0\.1:\d+$/m);
    expect(ports.stdout).toMatch(/^9090\/tcp -> 127\.0\.0\.1:\d+$/m);
  });

  it("keeps the root filesystem read-only with a writable $HOME, runs non-root, and enforces the tier's memory and CPU", async () => {
    await draftFrom('limits', httpdApp(), { resource_tier: 'RESOURCE_TIER_SMALL' });
    const writes = text(await get('limits', '/cgi-bin/writes'));
    expect(writes).toMatch(/touch: \/outside: Read-only file system/);
    expect(writes).toMatch(/home writable: \/home\/app/);
    expect(writes).toMatch(/^1000$/m);
    const [memory, cpu] = text(await get('limits', '/cgi-bin/limits'))
      .trim()
      .split('\n');
    expect(Number(memory)).toBe(256 * 1024 * 1024);
    expect(cpu).toMatch(/^25000\b/);
    // Over the limit the kernel kills the process that allocates, as a pod's OOM kill does (a small
    // explicit limit and a whole core, so the test allocates little and fast).
    await draftFrom('greedy', httpdApp(), { limits: { memory_mb: 48, cpu_millicores: 1000 } });
    expect(text(await get('greedy', '/cgi-bin/grow'))).toMatch(/sort exit 137/);
    const [id] = await containersWith(engine, `${LABELS.app}=acme/limits`);
    const security = await engine.command([
      'inspect',
      '--format',
      '{{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}} {{.HostConfig.ReadonlyRootfs}}',
      id!,
    ]);
    expect(security.stdout).toMatch(/no-new-privileges/);
    expect(security.stdout).toMatch(/true$/m);
    const caps = await engine.command(['exec', id!, 'grep', 'CapEff', '/proc/1/status']);
    expect(caps.stdout).toMatch(/CapEff:\s+0+$/m);
  });

  it('refuses a named USER and a root image the way Ignite does, before anything starts', async () => {
    await draftFrom('named', httpdApp({ user: 'app' }));
    await expect(get('named', '/healthz')).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(
        /^CreateContainerConfigError: container has runAsNonRoot and image has non-numeric user \(app\), cannot verify user is non-root/,
      ),
    });
    await draftFrom('rooted', httpdApp({ user: '' }));
    await expect(get('rooted', '/healthz')).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/CreateContainerConfigError: container has runAsNonRoot and image will run as root/),
    });
    expect(await containersWith(engine, `${LABELS.app}=acme/named`)).toEqual([]);
  });

  it('names the port an app listens on when it is not $PORT, or when it listens on loopback only', async () => {
    await draftFrom('elsewhere', httpdApp({ port: 9000 }));
    const err = (await get('elsewhere', '/healthz').catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(err.details).toMatch(/GET \/healthz on container port 8080 \(\$PORT\), published as 127\.0\.0\.1:\d+ did not answer 2xx/);
    expect(err.details).toMatch(/the app listens on 9000, not on \$PORT=8080/);
    // The other common way to be unreachable from outside a container: binding its own loopback.
    await draftFrom('loopback', httpdApp({ extra: '["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www"]' }));
    const loopback = (await get('loopback', '/healthz').catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    expect(loopback.details).toMatch(
      /the app listens on 127\.0\.0\.1:8080 only, the container's own loopback.*make it listen on 0\.0\.0\.0/,
    );
  });

  it("keeps the container output as the version's log, with timestamps, and stops the previous version on publish", async () => {
    await draftFrom('versions', httpdApp());
    await env.compute('PublishDraft', { app_name: 'versions' });
    await env.compute('UpdateAppConfig', { app_name: 'versions', env: { set: { ROUND: '2' } } });
    await env.compute('PublishDraft', { app_name: 'versions' });
    const running = async (version: string) =>
      (
        await engine.command([
          'ps',
          '--filter',
          `label=${LABELS.app}=acme/versions`,
          '--filter',
          `label=${LABELS.version}=${version}`,
          '-q',
        ])
      ).stdout.trim();
    expect(await running('v1')).toBe('');
    expect(await running('v2')).not.toBe('');
    const frames = await env.invoke({ app_name: 'versions', http: { method: 'GET', path: '/healthz' } });
    expect(frames[0]!.head!.status_code).toBe(200);
    const journal = readFileSync(env.ignite.store.filePath('app-logs', 'acme/versions@v2'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const started = journal.find((entry) => /^started container [0-9a-f]{12}/.test(entry.text));
    expect(started).toMatchObject({ stream: 'system' });
    const served = journal.find((entry) => entry.stream === 'stderr' && /url:\/healthz/.test(entry.text));
    expect(served, JSON.stringify(journal, null, 1)).toBeDefined();
    expect(served.timestamp_ms).toBeGreaterThan(Date.now() - 120_000);
    expect(journal.map((entry) => entry.seq)).toEqual(journal.map((_, i) => i + 1));
  });

  it('removes containers an earlier run of the data directory left, and leaves nothing running after shutdown', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-contract-data-'));
    dataDirs.push(dataDir);
    // A leftover as a crashed run would leave it: a container labelled with this data directory.
    const leftover = await engine.checked([
      'run',
      '-d',
      '--ulimit',
      'nofile=1024:1024',
      '--ulimit',
      'nproc=1024:1024',
      '--label',
      `${LABELS.data}=${dataDir}`,
      BASE,
      'sleep',
      '600',
    ]);
    expect(await containersWith(engine, `${LABELS.data}=${dataDir}`)).toEqual([leftover.stdout.trim().slice(0, 12)]);
    const second = await startIgnite(dataDir);
    try {
      expect(await containersWith(engine, `${LABELS.data}=${dataDir}`)).toEqual([]);
      await second.compute('CreateApp', { name: 'brief', ports: [8080] });
      await second.compute('SaveDraft', { app_name: 'brief', code: { image: { from_code: { archive: await tarGz(httpdApp()) } } } });
      let answered = false;
      for (let i = 0; i < 600 && !answered; i++) {
        const res = await second
          .compute('TestDraft', { app_name: 'brief', http: { method: 'GET', path: '/healthz' } })
          .catch(() => undefined);
        answered = res?.status_code === 200;
        if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(answered).toBe(true);
      expect(await containersWith(engine, `${LABELS.data}=${dataDir}`)).toHaveLength(1);
    } finally {
      await second.close();
    }
    expect(await containersWith(engine, `${LABELS.data}=${dataDir}`)).toEqual([]);
    expect(processesWith(`label=${LABELS.data}=${dataDir}`)).toEqual([]);
  });
});
