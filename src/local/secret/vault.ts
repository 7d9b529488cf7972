import { RecordBook } from '../record-book.js';
import type { LocalStore } from '../store.js';

/** A secret slot as the local Ignite stores it, per organization. */
export interface StoredSecret {
  organization_name: string;
  name: string;
  type: 'git_secret' | 'registry_secret';
  git_secret?: { username: string; token: string };
  registry_secret?: { username: string; password: string; server_address: string };
  created_at_ms: number;
  updated_at_ms: number;
}

/** Read access to secret slots for the other services (drafts check a reference's type). */
export interface SecretVault {
  get(organization: string, name: string): StoredSecret | undefined;
  /** Every stored secret value (tokens, passwords), for masking in app logs. */
  secretValues(): string[];
}

/**
 * Secret slots kept in the local store, one record per `<org>/<name>`. The real service keeps them
 * in Vault; here they sit in the data directory like every other record, so the data directory
 * must be treated as sensitive (the README says so).
 */
export class StoreSecretVault extends RecordBook<StoredSecret, [organization: string, name: string]> implements SecretVault {
  constructor(store: LocalStore) {
    super(store, 'secrets', (secret) => [secret.organization_name, secret.name]);
  }

  secretValues(): string[] {
    return this.list().flatMap((secret) => [secret.git_secret?.token ?? '', secret.registry_secret?.password ?? ''].filter(Boolean));
  }
}
