import type { SaveBuildSecretsRequest__Output } from '../../contract/generated/dodil/ignite/v1/SaveBuildSecretsRequest.js';
import type { SaveBuildSecretsResponse } from '../../contract/generated/dodil/ignite/v1/SaveBuildSecretsResponse.js';
import { invalidArgument } from '../rpc/errors.js';
import { RecordBook } from '../record-book.js';
import type { LocalStore } from '../store.js';

/** An organization's build credentials (SaveBuildSecrets), applied to every build of that org. */
export interface BuildSecrets {
  organization_name: string;
  /** Stored as given; the local Ignite never pulls or pushes, so they are only kept. */
  registry_credentials: Record<string, string>;
  git_credentials: { username: string; password: string } | undefined;
  /** Exposed to Dockerfiles as build args, echoed as "[REDACTED:secret]". */
  build_secrets: Record<string, string>;
  updated_at_ms: number;
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class BuildSecretStore {
  private readonly records: RecordBook<BuildSecrets, [organization: string]>;

  constructor(store: LocalStore) {
    this.records = new RecordBook(store, 'build-secrets', (record) => [record.organization_name]);
  }

  get(organization: string): BuildSecrets | undefined {
    return this.records.get(organization);
  }

  /** Replaces the stored set, as the real call does; answers with names only. */
  save(organization: string, request: SaveBuildSecretsRequest__Output): SaveBuildSecretsResponse {
    for (const name of Object.keys(request.build_secrets ?? {})) {
      if (!ARG_NAME.test(name))
        throw invalidArgument(
          `build secret name "${name}" is not a valid build arg name (letters, digits and _, not starting with a digit)`,
        );
    }
    for (const server of Object.keys(request.registry_credentials ?? {})) {
      if (!server.trim()) throw invalidArgument('registry_credentials has an empty registry server name');
    }
    const git = request.git_credentials;
    const hasGit = !!git && (git.username !== '' || git.password !== '');
    if (hasGit && !git.password)
      throw invalidArgument('git_credentials.password (a personal access token) is required when git_credentials is set');
    const record: BuildSecrets = {
      organization_name: organization,
      registry_credentials: { ...request.registry_credentials },
      git_credentials: hasGit ? { username: git.username, password: git.password } : undefined,
      build_secrets: { ...request.build_secrets },
      updated_at_ms: Date.now(),
    };
    this.records.put(record);
    return {
      registry_servers: Object.keys(record.registry_credentials).sort(),
      git_credentials_set: record.git_credentials !== undefined,
      build_secret_names: Object.keys(record.build_secrets).sort(),
    };
  }
}
