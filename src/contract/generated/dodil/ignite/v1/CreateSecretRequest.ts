// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { SecretValue as _dodil_ignite_v1_SecretValue, SecretValue__Output as _dodil_ignite_v1_SecretValue__Output } from '../../../dodil/ignite/v1/SecretValue.js';

export interface CreateSecretRequest {
  'name'?: (string);
  'value'?: (_dodil_ignite_v1_SecretValue | null);
}

export interface CreateSecretRequest__Output {
  'name': (string);
  'value': (_dodil_ignite_v1_SecretValue__Output | null);
}
