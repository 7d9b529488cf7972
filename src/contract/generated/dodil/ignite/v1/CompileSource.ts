// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Runtime as _dodil_ignite_v1_Runtime, Runtime__Output as _dodil_ignite_v1_Runtime__Output } from '../../../dodil/ignite/v1/Runtime.js';

export interface CompileSource {
  'runtime'?: (_dodil_ignite_v1_Runtime | null);
  'source_code'?: (Buffer | Uint8Array | string);
}

export interface CompileSource__Output {
  'runtime': (_dodil_ignite_v1_Runtime__Output | null);
  'source_code': (Buffer);
}
