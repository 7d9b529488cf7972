// Original file: proto/dodil/ignite/v1/ignite_common.proto

import type { PythonRuntime as _dodil_ignite_v1_PythonRuntime, PythonRuntime__Output as _dodil_ignite_v1_PythonRuntime__Output } from '../../../dodil/ignite/v1/PythonRuntime.js';
import type { RustRuntime as _dodil_ignite_v1_RustRuntime, RustRuntime__Output as _dodil_ignite_v1_RustRuntime__Output } from '../../../dodil/ignite/v1/RustRuntime.js';
import type { GoRuntime as _dodil_ignite_v1_GoRuntime, GoRuntime__Output as _dodil_ignite_v1_GoRuntime__Output } from '../../../dodil/ignite/v1/GoRuntime.js';
import type { DenoRuntime as _dodil_ignite_v1_DenoRuntime, DenoRuntime__Output as _dodil_ignite_v1_DenoRuntime__Output } from '../../../dodil/ignite/v1/DenoRuntime.js';

export interface Runtime {
  'python'?: (_dodil_ignite_v1_PythonRuntime | null);
  'rust'?: (_dodil_ignite_v1_RustRuntime | null);
  'go'?: (_dodil_ignite_v1_GoRuntime | null);
  'deno'?: (_dodil_ignite_v1_DenoRuntime | null);
  'runtime'?: "python"|"rust"|"go"|"deno";
}

export interface Runtime__Output {
  'python'?: (_dodil_ignite_v1_PythonRuntime__Output | null);
  'rust'?: (_dodil_ignite_v1_RustRuntime__Output | null);
  'go'?: (_dodil_ignite_v1_GoRuntime__Output | null);
  'deno'?: (_dodil_ignite_v1_DenoRuntime__Output | null);
  'runtime'?: "python"|"rust"|"go"|"deno";
}
