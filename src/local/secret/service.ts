import type * as grpc from '@grpc/grpc-js';
import type { SecretServiceHandlers } from '../../contract/generated/dodil/ignite/v1/SecretService.js';
import type { LocalServiceDeps } from '../deps.js';
import { notFound } from '../rpc/errors.js';
import { paginate } from '../rpc/paginate.js';
import { unary } from '../rpc/handlers.js';
import { checkSecretName, metadataOf, secretValueFrom, valueOf } from './secret-input.js';
import { StoreSecretVault, type SecretVault } from './vault.js';

/**
 * SecretService: per-org secret slots. Slots are scoped to the caller's organization (the real
 * service takes it from the token, so requests carry no organization field). Values are returned
 * only by GetSecret and never logged.
 */
export function createSecretService(deps: LocalServiceDeps): { implementation: grpc.UntypedServiceImplementation; vault: SecretVault } {
  const vault = new StoreSecretVault(deps.store);
  const log = deps.logger.child('secrets');
  const orgOf = (call: { metadata: grpc.Metadata }) => deps.callers.identify(call.metadata).organization;
  const missing = (org: string, name: string) =>
    notFound(`secret "${name}" not found in organization "${org}"; create it with SecretService.CreateSecret`);

  const implementation: SecretServiceHandlers = {
    CreateSecret: unary((call) => {
      const org = orgOf(call);
      const name = checkSecretName(call.request.name);
      const value = secretValueFrom(call.request);
      const now = Date.now();
      const existing = vault.get(org, name);
      const secret = { organization_name: org, name, ...value, created_at_ms: existing?.created_at_ms ?? now, updated_at_ms: now };
      vault.put(secret);
      log.info(existing ? 'secret overwritten' : 'secret created', { organization: org, name, type: secret.type });
      return { metadata: metadataOf(secret) };
    }),

    GetSecret: unary((call) => {
      const org = orgOf(call);
      const name = checkSecretName(call.request.name);
      const secret = vault.get(org, name);
      if (!secret) throw missing(org, name);
      return { metadata: metadataOf(secret), value: valueOf(secret) };
    }),

    ListSecrets: unary((call) => {
      const org = orgOf(call);
      const page = paginate(vault.list(org), call.request, { keyOf: (secret) => secret.name });
      return { secrets: page.items.map(metadataOf), next_cursor: page.next_cursor };
    }),

    DeleteSecret: unary((call) => {
      const org = orgOf(call);
      const name = checkSecretName(call.request.name);
      const deleted = vault.delete(org, name);
      if (deleted) log.info('secret deleted', { organization: org, name });
      return { deleted };
    }),
  };
  return { implementation, vault };
}
