// Original file: proto/dodil/ignite/v1/ignite_build.proto


export interface SaveBuildSecretsResponse {
  'registry_servers'?: (string)[];
  'git_credentials_set'?: (boolean);
  'build_secret_names'?: (string)[];
}

export interface SaveBuildSecretsResponse__Output {
  'registry_servers': (string)[];
  'git_credentials_set': (boolean);
  'build_secret_names': (string)[];
}
