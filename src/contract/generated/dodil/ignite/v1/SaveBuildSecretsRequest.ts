// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { GitCredentials as _dodil_ignite_v1_GitCredentials, GitCredentials__Output as _dodil_ignite_v1_GitCredentials__Output } from '../../../dodil/ignite/v1/GitCredentials.js';

export interface SaveBuildSecretsRequest {
  'registry_credentials'?: ({[key: string]: string});
  'git_credentials'?: (_dodil_ignite_v1_GitCredentials | null);
  'build_secrets'?: ({[key: string]: string});
}

export interface SaveBuildSecretsRequest__Output {
  'registry_credentials': ({[key: string]: string});
  'git_credentials': (_dodil_ignite_v1_GitCredentials__Output | null);
  'build_secrets': ({[key: string]: string});
}
