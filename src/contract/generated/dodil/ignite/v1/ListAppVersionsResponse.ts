// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppVersionInfo as _dodil_ignite_v1_AppVersionInfo, AppVersionInfo__Output as _dodil_ignite_v1_AppVersionInfo__Output } from '../../../dodil/ignite/v1/AppVersionInfo.js';

export interface ListAppVersionsResponse {
  'versions'?: (_dodil_ignite_v1_AppVersionInfo)[];
  'next_cursor'?: (string);
}

export interface ListAppVersionsResponse__Output {
  'versions': (_dodil_ignite_v1_AppVersionInfo__Output)[];
  'next_cursor': (string);
}
