// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { VersionStatus as _dodil_ignite_v1_VersionStatus, VersionStatus__Output as _dodil_ignite_v1_VersionStatus__Output } from '../../../dodil/ignite/v1/VersionStatus.js';
import type { CodeKind as _dodil_ignite_v1_CodeKind, CodeKind__Output as _dodil_ignite_v1_CodeKind__Output } from '../../../dodil/ignite/v1/CodeKind.js';
import type { DigestTest as _dodil_ignite_v1_DigestTest, DigestTest__Output as _dodil_ignite_v1_DigestTest__Output } from '../../../dodil/ignite/v1/DigestTest.js';
import type { Long } from '@grpc/proto-loader';

export interface DraftInfo {
  'status'?: (_dodil_ignite_v1_VersionStatus);
  'code_hash'?: (string);
  'created_at_ms'?: (number | string | Long);
  'code_kind'?: (_dodil_ignite_v1_CodeKind);
  'deploy_id'?: (string);
  'error'?: (string);
  'image_ref'?: (string);
  'updated_at_ms'?: (number | string | Long);
  'build_id'?: (string);
  'image_digest'?: (string);
  'registry_secret_ref'?: (string);
  'last_test'?: (_dodil_ignite_v1_DigestTest | null);
}

export interface DraftInfo__Output {
  'status': (_dodil_ignite_v1_VersionStatus__Output);
  'code_hash': (string);
  'created_at_ms': (string);
  'code_kind': (_dodil_ignite_v1_CodeKind__Output);
  'deploy_id': (string);
  'error': (string);
  'image_ref': (string);
  'updated_at_ms': (string);
  'build_id': (string);
  'image_digest': (string);
  'registry_secret_ref': (string);
  'last_test': (_dodil_ignite_v1_DigestTest__Output | null);
}
