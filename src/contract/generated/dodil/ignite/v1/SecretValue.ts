// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { GitSecret as _dodil_ignite_v1_GitSecret, GitSecret__Output as _dodil_ignite_v1_GitSecret__Output } from '../../../dodil/ignite/v1/GitSecret.js';
import type { RegistrySecret as _dodil_ignite_v1_RegistrySecret, RegistrySecret__Output as _dodil_ignite_v1_RegistrySecret__Output } from '../../../dodil/ignite/v1/RegistrySecret.js';

export interface SecretValue {
  'git_secret'?: (_dodil_ignite_v1_GitSecret | null);
  'registry_secret'?: (_dodil_ignite_v1_RegistrySecret | null);
  'value'?: "git_secret"|"registry_secret";
}

export interface SecretValue__Output {
  'git_secret'?: (_dodil_ignite_v1_GitSecret__Output | null);
  'registry_secret'?: (_dodil_ignite_v1_RegistrySecret__Output | null);
  'value'?: "git_secret"|"registry_secret";
}
