/**
 * A real grpc.Server on 127.0.0.1:0 serving the real Ignite service definitions, with handlers
 * supplied per test. Methods without a handler answer UNIMPLEMENTED, as grpc-js does for any server.
 */
import * as grpc from '@grpc/grpc-js';
import { loadIgniteProtos } from '../../src/contract/load.js';
import type { BuildServiceHandlers } from '../../src/contract/generated/dodil/ignite/v1/BuildService.js';
import type { ComputeServiceHandlers } from '../../src/contract/generated/dodil/ignite/v1/ComputeService.js';
import type { SecretServiceHandlers } from '../../src/contract/generated/dodil/ignite/v1/SecretService.js';

export interface TestHandlers {
  build?: Partial<BuildServiceHandlers>;
  compute?: Partial<ComputeServiceHandlers>;
  secret?: Partial<SecretServiceHandlers>;
}

export interface TestServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startTestServer(handlers: TestHandlers): Promise<TestServer> {
  const { v1 } = loadIgniteProtos();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
  });
  server.addService(v1.BuildService.service, (handlers.build ?? {}) as grpc.UntypedServiceImplementation);
  server.addService(v1.ComputeService.service, (handlers.compute ?? {}) as grpc.UntypedServiceImplementation);
  server.addService(v1.SecretService.service, (handlers.secret ?? {}) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

/** Resolves once `call` is cancelled by the client (or its deadline passes). */
export function cancelledPromise(call: { on(event: 'cancelled', listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => call.on('cancelled', () => resolve()));
}

export function serviceError(code: grpc.status, details: string): Partial<grpc.StatusObject> {
  return { code, details };
}
