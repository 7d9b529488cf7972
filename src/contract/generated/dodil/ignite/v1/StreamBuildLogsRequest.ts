// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Long } from '@grpc/proto-loader';

export interface StreamBuildLogsRequest {
  'build_id'?: (string);
  'from_start'?: (boolean);
  'after_seq'?: (number | string | Long);
}

export interface StreamBuildLogsRequest__Output {
  'build_id': (string);
  'from_start': (boolean);
  'after_seq': (string);
}
