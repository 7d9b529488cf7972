// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { BuildStatus as _dodil_ignite_v1_BuildStatus, BuildStatus__Output as _dodil_ignite_v1_BuildStatus__Output } from '../../../dodil/ignite/v1/BuildStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface BuildStatusEvent {
  'status'?: (_dodil_ignite_v1_BuildStatus);
  'at_ms'?: (number | string | Long);
  'terminal'?: (boolean);
  'error'?: (string);
}

export interface BuildStatusEvent__Output {
  'status': (_dodil_ignite_v1_BuildStatus__Output);
  'at_ms': (string);
  'terminal': (boolean);
  'error': (string);
}
