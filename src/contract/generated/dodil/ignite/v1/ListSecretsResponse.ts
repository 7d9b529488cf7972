// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { SecretMetadata as _dodil_ignite_v1_SecretMetadata, SecretMetadata__Output as _dodil_ignite_v1_SecretMetadata__Output } from '../../../dodil/ignite/v1/SecretMetadata.js';

export interface ListSecretsResponse {
  'secrets'?: (_dodil_ignite_v1_SecretMetadata)[];
  'next_cursor'?: (string);
}

export interface ListSecretsResponse__Output {
  'secrets': (_dodil_ignite_v1_SecretMetadata__Output)[];
  'next_cursor': (string);
}
