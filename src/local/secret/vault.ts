import type { Collection, LocalStore } from '../store.js';

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
}

/**
 * Secret slots kept in the local store, one record per `<org>/<name>`. The real service keeps them
 * in Vault; here they sit in the data directory like every other record, so the data directory
 * must be treated as sensitive (the README says so).
 */
export class StoreSecretVault implements SecretVault {
  private readonly secrets: Collection<StoredSecret>;

  constructor(store: LocalStore) {
    this.secrets = store.collection<StoredSecret>('secrets');
  }

  get(organization: string, name: string): StoredSecret | undefined {
    return this.secrets.get(slotId(organization, name));
  }

  put(secret: StoredSecret): void {
    this.secrets.put(slotId(secret.organization_name, secret.name), secret);
  }

  delete(organization: string, name: string): boolean {
    return this.secrets.delete(slotId(organization, name));
  }

  list(organization: string): StoredSecret[] {
    return this.secrets.values().filter((secret) => secret.organization_name === organization);
  }
}

function slotId(organization: string, name: string): string {
  return `${organization}/${name}`;
}
