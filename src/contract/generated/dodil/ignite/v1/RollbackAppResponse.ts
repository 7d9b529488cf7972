// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppVersionInfo as _dodil_ignite_v1_AppVersionInfo, AppVersionInfo__Output as _dodil_ignite_v1_AppVersionInfo__Output } from '../../../dodil/ignite/v1/AppVersionInfo.js';

export interface RollbackAppResponse {
  'previous_version'?: (number);
  'version_info'?: (_dodil_ignite_v1_AppVersionInfo | null);
}

export interface RollbackAppResponse__Output {
  'previous_version': (number);
  'version_info': (_dodil_ignite_v1_AppVersionInfo__Output | null);
}
