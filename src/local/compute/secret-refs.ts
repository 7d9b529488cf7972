import type { SecretVault, StoredSecret } from '../secret/vault.js';
import { failedPrecondition, invalidArgument, notFound } from '../rpc/errors.js';

type SecretType = StoredSecret['type'];

const TYPE_WORD: Record<SecretType, string> = { git_secret: 'git', registry_secret: 'registry' };

/**
 * A secret a draft names, which must exist in the org and be of the kind its field needs: the
 * real service rejects a slot whose type does not match its use (documented).
 */
export function requireSecret(vault: SecretVault, organization: string, name: string, field: string, type: SecretType): StoredSecret {
  const secret = vault.get(organization, name);
  if (!secret) {
    throw notFound(
      `secret "${name}" named by ${field} not found in organization "${organization}"; create it with SecretService.CreateSecret as a ${type}`,
    );
  }
  if (secret.type !== type) throw invalidArgument(mismatch(name, secret.type, field, type));
  return secret;
}

/**
 * The same check when a saved draft is about to run: the secret is read fresh at deploy time
 * (documented), so one deleted or retyped since SaveDraft stops the deploy, not the save.
 */
export function recheckSecret(vault: SecretVault, organization: string, name: string, field: string, type: SecretType): void {
  const secret = vault.get(organization, name);
  if (!secret) {
    throw failedPrecondition(
      `secret "${name}" named by ${field} no longer exists in organization "${organization}"; recreate it with SecretService.CreateSecret, or save and publish a draft without it`,
    );
  }
  if (secret.type !== type)
    throw failedPrecondition(`${mismatch(name, secret.type, field, type)} (it was changed after it was referenced)`);
}

function mismatch(name: string, actual: SecretType, field: string, wanted: SecretType): string {
  const leaf = field.split('.').at(-1) ?? field;
  return `secret "${name}" is a ${TYPE_WORD[actual]} secret; ${leaf} needs a ${TYPE_WORD[wanted]} secret`;
}
