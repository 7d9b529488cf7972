// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Long } from '@grpc/proto-loader';

export interface TestDraftResponse {
  'status_code'?: (number);
  'headers'?: ({[key: string]: string});
  'body'?: (Buffer | Uint8Array | string);
  'latency_ms'?: (number | string | Long);
  'execution_id'?: (string);
  'image_ref'?: (string);
}

export interface TestDraftResponse__Output {
  'status_code': (number);
  'headers': ({[key: string]: string});
  'body': (Buffer);
  'latency_ms': (string);
  'execution_id': (string);
  'image_ref': (string);
}
