// Original file: proto/dodil/ignite/v1/ignite_common.proto

import type { RustCompilationTarget as _dodil_ignite_v1_RustCompilationTarget, RustCompilationTarget__Output as _dodil_ignite_v1_RustCompilationTarget__Output } from '../../../dodil/ignite/v1/RustCompilationTarget.js';

export interface RustRuntime {
  'target'?: (_dodil_ignite_v1_RustCompilationTarget);
  'toolchain_version'?: (string);
}

export interface RustRuntime__Output {
  'target': (_dodil_ignite_v1_RustCompilationTarget__Output);
  'toolchain_version': (string);
}
