// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Long } from '@grpc/proto-loader';

export interface BuildLogLine {
  'seq'?: (number | string | Long);
  'timestamp_ms'?: (number | string | Long);
  'stream'?: (string);
  'text'?: (string);
}

export interface BuildLogLine__Output {
  'seq': (string);
  'timestamp_ms': (string);
  'stream': (string);
  'text': (string);
}
