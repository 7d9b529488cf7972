// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppMeta as _dodil_ignite_v1_AppMeta, AppMeta__Output as _dodil_ignite_v1_AppMeta__Output } from '../../../dodil/ignite/v1/AppMeta.js';

export interface UpdateAppConfigResponse {
  'app'?: (_dodil_ignite_v1_AppMeta | null);
}

export interface UpdateAppConfigResponse__Output {
  'app': (_dodil_ignite_v1_AppMeta__Output | null);
}
