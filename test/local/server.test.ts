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
