// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { BuildStatus as _dodil_ignite_v1_BuildStatus, BuildStatus__Output as _dodil_ignite_v1_BuildStatus__Output } from '../../../dodil/ignite/v1/BuildStatus.js';
import type { Build as _dodil_ignite_v1_Build, Build__Output as _dodil_ignite_v1_Build__Output } from '../../../dodil/ignite/v1/Build.js';

export interface CreateBuildResponse {
  'build_id'?: (string);
  'status'?: (_dodil_ignite_v1_BuildStatus);
  'build'?: (_dodil_ignite_v1_Build | null);
}

export interface CreateBuildResponse__Output {
  'build_id': (string);
  'status': (_dodil_ignite_v1_BuildStatus__Output);
  'build': (_dodil_ignite_v1_Build__Output | null);
}
