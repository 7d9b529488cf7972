// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Long } from '@grpc/proto-loader';

export interface UploadBuildContextResponse {
  'context_id'?: (string);
  'size_bytes'?: (number | string | Long);
}

export interface UploadBuildContextResponse__Output {
  'context_id': (string);
  'size_bytes': (string);
}
