import * as grpc from '@grpc/grpc-js';
import type { LocalServiceDeps } from '../deps.js';
import type { BuildEngine } from '../build-engine.js';
import { RpcError } from '../rpc-error.js';

/** Placeholder until the builder lands: every BuildService method answers UNIMPLEMENTED. */
export function createBuildService(_deps: LocalServiceDeps): { implementation: grpc.UntypedServiceImplementation; engine: BuildEngine } {
  const unavailable = () => new RpcError(grpc.status.UNIMPLEMENTED, 'the local BuildService is not built yet');
  return {
    implementation: {},
    engine: {
      start: () => { throw unavailable(); },
      get: () => undefined,
      waitForEnd: () => Promise.reject(unavailable()),
      shutdown: async () => {},
    },
  };
}
