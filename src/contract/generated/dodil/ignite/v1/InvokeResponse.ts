// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { InvokeHead as _dodil_ignite_v1_InvokeHead, InvokeHead__Output as _dodil_ignite_v1_InvokeHead__Output } from '../../../dodil/ignite/v1/InvokeHead.js';
import type { InvokeTrailer as _dodil_ignite_v1_InvokeTrailer, InvokeTrailer__Output as _dodil_ignite_v1_InvokeTrailer__Output } from '../../../dodil/ignite/v1/InvokeTrailer.js';

export interface InvokeResponse {
  'head'?: (_dodil_ignite_v1_InvokeHead | null);
  'chunk'?: (Buffer | Uint8Array | string);
  'trailer'?: (_dodil_ignite_v1_InvokeTrailer | null);
  'frame'?: "head"|"chunk"|"trailer";
}

export interface InvokeResponse__Output {
  'head'?: (_dodil_ignite_v1_InvokeHead__Output | null);
  'chunk'?: (Buffer);
  'trailer'?: (_dodil_ignite_v1_InvokeTrailer__Output | null);
  'frame'?: "head"|"chunk"|"trailer";
}
