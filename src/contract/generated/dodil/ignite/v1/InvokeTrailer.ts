// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Long } from '@grpc/proto-loader';

export interface InvokeTrailer {
  'body_bytes'?: (number | string | Long);
  'duration_ms'?: (number | string | Long);
  'error'?: (string);
}

export interface InvokeTrailer__Output {
  'body_bytes': (string);
  'duration_ms': (string);
  'error': (string);
}
