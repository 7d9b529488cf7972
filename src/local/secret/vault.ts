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
