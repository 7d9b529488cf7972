// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppMeta as _dodil_ignite_v1_AppMeta, AppMeta__Output as _dodil_ignite_v1_AppMeta__Output } from '../../../dodil/ignite/v1/AppMeta.js';

export interface ListAppsResponse {
  'apps'?: (_dodil_ignite_v1_AppMeta)[];
  'next_cursor'?: (string);
}

export interface ListAppsResponse__Output {
  'apps': (_dodil_ignite_v1_AppMeta__Output)[];
  'next_cursor': (string);
}
