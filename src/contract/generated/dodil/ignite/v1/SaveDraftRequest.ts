// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { CodeSource as _dodil_ignite_v1_CodeSource, CodeSource__Output as _dodil_ignite_v1_CodeSource__Output } from '../../../dodil/ignite/v1/CodeSource.js';

export interface SaveDraftRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'code'?: (_dodil_ignite_v1_CodeSource | null);
}

export interface SaveDraftRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'code': (_dodil_ignite_v1_CodeSource__Output | null);
}
