// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Long } from '@grpc/proto-loader';

export interface DigestTest {
  'image_digest'?: (string);
  'status_code'?: (number);
  'passed'?: (boolean);
  'tested_at_ms'?: (number | string | Long);
  'execution_id'?: (string);
}

export interface DigestTest__Output {
  'image_digest': (string);
  'status_code': (number);
  'passed': (boolean);
  'tested_at_ms': (string);
  'execution_id': (string);
}
