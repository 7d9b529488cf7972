// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppMeta as _dodil_ignite_v1_AppMeta, AppMeta__Output as _dodil_ignite_v1_AppMeta__Output } from '../../../dodil/ignite/v1/AppMeta.js';
import type { AppVersionInfo as _dodil_ignite_v1_AppVersionInfo, AppVersionInfo__Output as _dodil_ignite_v1_AppVersionInfo__Output } from '../../../dodil/ignite/v1/AppVersionInfo.js';
import type { DraftInfo as _dodil_ignite_v1_DraftInfo, DraftInfo__Output as _dodil_ignite_v1_DraftInfo__Output } from '../../../dodil/ignite/v1/DraftInfo.js';
import type { AppInstance as _dodil_ignite_v1_AppInstance, AppInstance__Output as _dodil_ignite_v1_AppInstance__Output } from '../../../dodil/ignite/v1/AppInstance.js';
import type { AppReadiness as _dodil_ignite_v1_AppReadiness, AppReadiness__Output as _dodil_ignite_v1_AppReadiness__Output } from '../../../dodil/ignite/v1/AppReadiness.js';

export interface GetAppStateResponse {
  'app'?: (_dodil_ignite_v1_AppMeta | null);
  'active'?: (_dodil_ignite_v1_AppVersionInfo | null);
  'draft'?: (_dodil_ignite_v1_DraftInfo | null);
  'instances'?: (_dodil_ignite_v1_AppInstance)[];
  'readiness'?: (_dodil_ignite_v1_AppReadiness);
  'readiness_detail'?: (string);
  'version_count'?: (number);
}

export interface GetAppStateResponse__Output {
  'app': (_dodil_ignite_v1_AppMeta__Output | null);
  'active': (_dodil_ignite_v1_AppVersionInfo__Output | null);
  'draft': (_dodil_ignite_v1_DraftInfo__Output | null);
  'instances': (_dodil_ignite_v1_AppInstance__Output)[];
  'readiness': (_dodil_ignite_v1_AppReadiness__Output);
  'readiness_detail': (string);
  'version_count': (number);
}
