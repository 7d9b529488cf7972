// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Long } from '@grpc/proto-loader';

export interface AppLogLine {
  'seq'?: (number | string | Long);
  'timestamp_ms'?: (number | string | Long);
  'stream'?: (string);
  'text'?: (string);
  'version'?: (number);
  'draft'?: (boolean);
  'execution_id'?: (string);
}

export interface AppLogLine__Output {
  'seq': (string);
  'timestamp_ms': (string);
  'stream': (string);
  'text': (string);
  'version': (number);
  'draft': (boolean);
  'execution_id': (string);
}
