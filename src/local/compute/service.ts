import type * as grpc from '@grpc/grpc-js';
import type { LocalServiceDeps } from '../deps.js';
import type { BuildEngine } from '../build-engine.js';
import type { SecretVault } from '../secret/vault.js';

/** Placeholder until ComputeService lands: every method answers UNIMPLEMENTED. */
export function createComputeService(_deps: LocalServiceDeps & { engine: BuildEngine; vault: SecretVault }): {
  implementation: grpc.UntypedServiceImplementation;
  shutdown(): Promise<void>;
} {
  return { implementation: {}, shutdown: async () => {} };
}
