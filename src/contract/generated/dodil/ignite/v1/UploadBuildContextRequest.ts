// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { UploadBuildContextMetadata as _dodil_ignite_v1_UploadBuildContextMetadata, UploadBuildContextMetadata__Output as _dodil_ignite_v1_UploadBuildContextMetadata__Output } from '../../../dodil/ignite/v1/UploadBuildContextMetadata.js';

export interface UploadBuildContextRequest {
  'metadata'?: (_dodil_ignite_v1_UploadBuildContextMetadata | null);
  'chunk'?: (Buffer | Uint8Array | string);
  'payload'?: "metadata"|"chunk";
}

export interface UploadBuildContextRequest__Output {
  'metadata'?: (_dodil_ignite_v1_UploadBuildContextMetadata__Output | null);
  'chunk'?: (Buffer);
  'payload'?: "metadata"|"chunk";
}
