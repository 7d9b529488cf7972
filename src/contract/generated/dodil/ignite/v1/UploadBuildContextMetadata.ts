// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Long } from '@grpc/proto-loader';

export interface UploadBuildContextMetadata {
  'content_type'?: (string);
  'name'?: (string);
  'expected_size_bytes'?: (number | string | Long);
}

export interface UploadBuildContextMetadata__Output {
  'content_type': (string);
  'name': (string);
  'expected_size_bytes': (string);
}
