// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { Build as _dodil_ignite_v1_Build, Build__Output as _dodil_ignite_v1_Build__Output } from '../../../dodil/ignite/v1/Build.js';

export interface CancelBuildResponse {
  'build'?: (_dodil_ignite_v1_Build | null);
}

export interface CancelBuildResponse__Output {
  'build': (_dodil_ignite_v1_Build__Output | null);
}
