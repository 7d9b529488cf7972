// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { VersionStatus as _dodil_ignite_v1_VersionStatus, VersionStatus__Output as _dodil_ignite_v1_VersionStatus__Output } from '../../../dodil/ignite/v1/VersionStatus.js';
import type { ResourceTier as _dodil_ignite_v1_ResourceTier, ResourceTier__Output as _dodil_ignite_v1_ResourceTier__Output } from '../../../dodil/ignite/v1/ResourceTier.js';
import type { Runtime as _dodil_ignite_v1_Runtime, Runtime__Output as _dodil_ignite_v1_Runtime__Output } from '../../../dodil/ignite/v1/Runtime.js';
import type { CodeKind as _dodil_ignite_v1_CodeKind, CodeKind__Output as _dodil_ignite_v1_CodeKind__Output } from '../../../dodil/ignite/v1/CodeKind.js';
import type { DigestTest as _dodil_ignite_v1_DigestTest, DigestTest__Output as _dodil_ignite_v1_DigestTest__Output } from '../../../dodil/ignite/v1/DigestTest.js';
import type { Long } from '@grpc/proto-loader';

export interface AppVersionInfo {
  'version'?: (number);
  'code_hash'?: (string);
  'created_at_ms'?: (number | string | Long);
  'status'?: (_dodil_ignite_v1_VersionStatus);
  'resource_tier'?: (_dodil_ignite_v1_ResourceTier);
  'runtime'?: (_dodil_ignite_v1_Runtime | null);
  'code_kind'?: (_dodil_ignite_v1_CodeKind);
  'image_ref'?: (string);
  'image_digest'?: (string);
  'test'?: (_dodil_ignite_v1_DigestTest | null);
  'registry_secret_ref'?: (string);
}

export interface AppVersionInfo__Output {
  'version': (number);
  'code_hash': (string);
  'created_at_ms': (string);
  'status': (_dodil_ignite_v1_VersionStatus__Output);
  'resource_tier': (_dodil_ignite_v1_ResourceTier__Output);
  'runtime': (_dodil_ignite_v1_Runtime__Output | null);
  'code_kind': (_dodil_ignite_v1_CodeKind__Output);
  'image_ref': (string);
  'image_digest': (string);
  'test': (_dodil_ignite_v1_DigestTest__Output | null);
  'registry_secret_ref': (string);
}
