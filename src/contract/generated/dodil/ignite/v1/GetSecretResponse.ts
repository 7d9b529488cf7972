// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { SecretMetadata as _dodil_ignite_v1_SecretMetadata, SecretMetadata__Output as _dodil_ignite_v1_SecretMetadata__Output } from '../../../dodil/ignite/v1/SecretMetadata.js';
import type { SecretValue as _dodil_ignite_v1_SecretValue, SecretValue__Output as _dodil_ignite_v1_SecretValue__Output } from '../../../dodil/ignite/v1/SecretValue.js';

export interface GetSecretResponse {
  'metadata'?: (_dodil_ignite_v1_SecretMetadata | null);
  'value'?: (_dodil_ignite_v1_SecretValue | null);
}

export interface GetSecretResponse__Output {
  'metadata': (_dodil_ignite_v1_SecretMetadata__Output | null);
  'value': (_dodil_ignite_v1_SecretValue__Output | null);
}
