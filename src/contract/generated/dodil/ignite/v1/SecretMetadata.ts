// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type { Long } from '@grpc/proto-loader';

export interface SecretMetadata {
  'name'?: (string);
  'type'?: (string);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
}

export interface SecretMetadata__Output {
  'name': (string);
  'type': (string);
  'created_at_ms': (string);
  'updated_at_ms': (string);
}
