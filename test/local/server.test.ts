import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';

let ignite: LocalIgnite | undefined;
afterEach(async () => {
  await ignite?.close();
  ignite = undefined;
});

function unary<Req, Res>(client: grpc.Client, method: string, request: Req, metadata = new grpc.Metadata()): Promise<Res> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, Function>)[method]!.call(client, request, metadata, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

describe('local Ignite server', () => {
  it('listens on loopback port 0 and serves reflection for the three services', async () => {
    ignite = await startLocalIgnite();
    expect(ignite.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    const services = await listServicesByReflection(ignite.endpoint);
    expect(services).toEqual(
      expect.arrayContaining(['dodil.ignite.v1.BuildService', 'dodil.ignite.v1.ComputeService', 'dodil.ignite.v1.SecretService']),
    );
  });

  it('answers UNAUTHENTICATED without the required token and lets HealthCheck through', async () => {
    ignite = await startLocalIgnite({ requiredToken: 'tok-required-123' });
    const { v1 } = loadIgniteProtos();
    const client = new v1.BuildService(ignite.endpoint, grpc.credentials.createInsecure());
    const noToken = unary(client, 'GetBuild', { build_id: 'x' });
    await expect(noToken).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    const md = new grpc.Metadata();
    md.set('authorization', 'Bearer wrong');
    await expect(unary(client, 'GetBuild', { build_id: 'x' }, md)).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      details: expect.not.stringContaining('tok-required-123'),
    });
    client.close();
  });
});

/** Asks the server's reflection service for its services, as grpcurl `list` does. */
async function listServicesByReflection(endpoint: string): Promise<string[]> {
  const protoLoader = await import('@grpc/proto-loader');
  const path = await import('node:path');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const reflectionProto = path.join(
    path.dirname(require.resolve('@grpc/reflection/package.json')),
    'build/proto/grpc/reflection/v1/reflection.proto',
  );
  const def = protoLoader.loadSync(reflectionProto, { keepCase: true });
  const pkg = grpc.loadPackageDefinition(def) as unknown as { grpc: { reflection: { v1: { ServerReflection: typeof grpc.Client } } } };
  const client = new pkg.grpc.reflection.v1.ServerReflection(endpoint, grpc.credentials.createInsecure());
  const call = (
    client as unknown as {
      ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, { list_services_response?: { service: { name: string }[] } }>;
    }
  ).ServerReflectionInfo();
  const names = await new Promise<string[]>((resolve, reject) => {
    call.on('data', (msg) => {
      resolve(msg.list_services_response?.service.map((s: { name: string }) => s.name) ?? []);
      call.end();
    });
    call.on('error', reject);
    call.write({ list_services: '' });
  });
  client.close();
  return names;
}

describe('local Ignite server streams', () => {
  it('a rejected server stream ends with UNAUTHENTICATED instead of hanging', async () => {
    ignite = await startLocalIgnite({ requiredToken: 'tok-required-123' });
    const { v1 } = loadIgniteProtos();
    const client = new v1.BuildService(ignite.endpoint, grpc.credentials.createInsecure());
    const call = client.StreamBuildLogs({ build_id: 'x', from_start: true }, { deadline: Date.now() + 5000 });
    const error = await new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    expect(error.code).toBe(grpc.status.UNAUTHENTICATED);
    client.close();
  });
});

describe('the call gate', () => {
  it('puts server reflection behind the token like every other service, and refuses a prefix of it', async () => {
    ignite = await startLocalIgnite({ requiredToken: 'tok-required-123' });
    await expect(listServicesByReflection(ignite.endpoint)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    const { v1 } = loadIgniteProtos();
    const client = new v1.BuildService(ignite.endpoint, grpc.credentials.createInsecure());
    for (const presented of ['tok-required-12', 'tok-required-1234', 'TOK-REQUIRED-123', '']) {
      const md = new grpc.Metadata();
      md.set('authorization', `Bearer ${presented}`);
      await expect(unary(client, 'GetBuild', { build_id: 'x' }, md), presented).rejects.toMatchObject({
        code: grpc.status.UNAUTHENTICATED,
      });
    }
    const md = new grpc.Metadata();
    md.set('authorization', 'Bearer tok-required-123');
    await expect(unary(client, 'GetBuild', { build_id: 'x' }, md)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    client.close();
  });

  it('counts the calls in flight, streams included, down to zero once they end', async () => {
    ignite = await startLocalIgnite();
    const { v1 } = loadIgniteProtos();
    const client = new v1.BuildService(ignite.endpoint, grpc.credentials.createInsecure());
    expect(ignite.activity()).toEqual({ calls: 0, builds: 0 });
    const upload = client.UploadBuildContext((() => {}) as never);
    upload.write({ metadata: { name: 'x', content_type: 'application/gzip' } });
    const local = ignite;
    await waitUntil(() => local.activity().calls === 1);
    upload.cancel();
    await waitUntil(() => local.activity().calls === 0);
    await expect(unary(client, 'GetBuild', { build_id: 'x' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    expect(ignite.activity().calls).toBe(0);
    client.close();
  });

  it('listens on a Unix socket of mode 0600 when asked, replacing a stale one', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { createServer } = await import('node:net');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ignite-sock-'));
    const socketPath = path.join(dir, 'local-ignite.sock');
    // A socket left by a process that died: bound, then its server gone without removing it.
    const stale = createServer().listen(socketPath);
    await new Promise((resolve) => stale.once('listening', resolve));
    (stale as unknown as { _handle: { close(): void } })._handle.close();
    try {
      ignite = await startLocalIgnite({ socketPath, requiredToken: 't0ken-of-this-test' });
      expect(ignite.endpoint).toBe(`unix:${socketPath}`);
      expect(statSync(socketPath).mode & 0o777).toBe(0o600);
      const md = new grpc.Metadata();
      md.set('authorization', 'Bearer t0ken-of-this-test');
      const client = new (loadIgniteProtos().v1.BuildService)(ignite.endpoint, grpc.credentials.createInsecure());
      await expect(unary(client, 'ListBuilds', {}, md)).resolves.toMatchObject({ builds: [] });
      client.close();
    } finally {
      await ignite?.close();
      ignite = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
