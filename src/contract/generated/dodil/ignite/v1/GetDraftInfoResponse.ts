// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { DraftInfo as _dodil_ignite_v1_DraftInfo, DraftInfo__Output as _dodil_ignite_v1_DraftInfo__Output } from '../../../dodil/ignite/v1/DraftInfo.js';

export interface GetDraftInfoResponse {
  'draft'?: (_dodil_ignite_v1_DraftInfo | null);
}

export interface GetDraftInfoResponse__Output {
  'draft': (_dodil_ignite_v1_DraftInfo__Output | null);
}
