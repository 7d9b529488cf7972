// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { SecretMetadata as _dodil_ignite_v1_SecretMetadata, SecretMetadata__Output as _dodil_ignite_v1_SecretMetadata__Output } from '../../../dodil/ignite/v1/SecretMetadata.js';

export interface CreateSecretResponse {
  'metadata'?: (_dodil_ignite_v1_SecretMetadata | null);
}

export interface CreateSecretResponse__Output {
  'metadata': (_dodil_ignite_v1_SecretMetadata__Output | null);
}
