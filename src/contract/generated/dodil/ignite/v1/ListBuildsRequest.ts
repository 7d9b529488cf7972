// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { BuildStatus as _dodil_ignite_v1_BuildStatus, BuildStatus__Output as _dodil_ignite_v1_BuildStatus__Output } from '../../../dodil/ignite/v1/BuildStatus.js';

export interface ListBuildsRequest {
  'limit'?: (number);
  'cursor'?: (string);
  'status'?: (_dodil_ignite_v1_BuildStatus);
  'name'?: (string);
}

export interface ListBuildsRequest__Output {
  'limit': (number);
  'cursor': (string);
  'status': (_dodil_ignite_v1_BuildStatus__Output);
  'name': (string);
}
