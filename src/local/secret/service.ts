import type * as grpc from '@grpc/grpc-js';
import type { LocalServiceDeps } from '../deps.js';
import type { SecretVault } from './vault.js';

/** Placeholder until SecretService lands: every method answers UNIMPLEMENTED. */
export function createSecretService(_deps: LocalServiceDeps): { implementation: grpc.UntypedServiceImplementation; vault: SecretVault } {
  return { implementation: {}, vault: { get: () => undefined } };
}
