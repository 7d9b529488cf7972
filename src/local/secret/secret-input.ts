import type { CreateSecretRequest__Output } from '../../contract/generated/dodil/ignite/v1/CreateSecretRequest.js';
import type { SecretMetadata } from '../../contract/generated/dodil/ignite/v1/SecretMetadata.js';
import type { SecretValue } from '../../contract/generated/dodil/ignite/v1/SecretValue.js';
import { invalidArgument } from '../rpc/errors.js';
import type { StoredSecret } from './vault.js';

const SECRET_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Secret slot names: 1-64 characters of letters, digits, "-" and "_" (documented). */
export function checkSecretName(name: string): string {
  if (!SECRET_NAME.test(name)) {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    throw invalidArgument(`secret name "${shown}" is invalid: use 1-64 characters of letters, digits, "-" and "_"`);
  }
  return name;
}

type SecretValueParts = Pick<StoredSecret, 'type' | 'git_secret' | 'registry_secret'>;

/** The value of a CreateSecret request, checked: exactly one kind, with the fields that kind needs. */
export function secretValueFrom(request: CreateSecretRequest__Output): SecretValueParts {
  const value = request.value;
  if (value?.value === 'git_secret' && value.git_secret) {
    const { username, token } = value.git_secret;
    requireField(username, 'value.git_secret.username', 'the git user name (any non-empty name works for most PATs)');
    requireField(token, 'value.git_secret.token', 'a personal access token or app password for HTTPS clone');
    return { type: 'git_secret', git_secret: { username, token } };
  }
  if (value?.value === 'registry_secret' && value.registry_secret) {
    const { username, password, server_address } = value.registry_secret;
    requireField(username, 'value.registry_secret.username', 'the registry user name');
    requireField(password, 'value.registry_secret.password', 'the registry password or access token');
    if (/\s/.test(server_address))
      throw invalidArgument('value.registry_secret.server_address must not contain spaces (e.g. "ghcr.io"; empty means Docker Hub)');
    return { type: 'registry_secret', registry_secret: { username, password, server_address: server_address.trim() } };
  }
  throw invalidArgument(
    'value must set exactly one of git_secret {username, token} or registry_secret {username, password, server_address}',
  );
}

function requireField(value: string, field: string, what: string): void {
  if (!value.trim()) throw invalidArgument(`${field} is required: ${what}`);
}

export function metadataOf(secret: StoredSecret): SecretMetadata {
  return {
    name: secret.name,
    type: secret.type,
    created_at_ms: String(secret.created_at_ms),
    updated_at_ms: String(secret.updated_at_ms),
  };
}

export function valueOf(secret: StoredSecret): SecretValue {
  return secret.type === 'git_secret' ? { git_secret: secret.git_secret } : { registry_secret: secret.registry_secret };
}
