// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppVersionInfo as _dodil_ignite_v1_AppVersionInfo, AppVersionInfo__Output as _dodil_ignite_v1_AppVersionInfo__Output } from '../../../dodil/ignite/v1/AppVersionInfo.js';

export interface GetAppVersionResponse {
  'version'?: (_dodil_ignite_v1_AppVersionInfo | null);
}

export interface GetAppVersionResponse__Output {
  'version': (_dodil_ignite_v1_AppVersionInfo__Output | null);
}
