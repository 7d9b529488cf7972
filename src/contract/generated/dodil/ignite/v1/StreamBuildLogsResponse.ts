// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { BuildLogLine as _dodil_ignite_v1_BuildLogLine, BuildLogLine__Output as _dodil_ignite_v1_BuildLogLine__Output } from '../../../dodil/ignite/v1/BuildLogLine.js';
import type { BuildStatusEvent as _dodil_ignite_v1_BuildStatusEvent, BuildStatusEvent__Output as _dodil_ignite_v1_BuildStatusEvent__Output } from '../../../dodil/ignite/v1/BuildStatusEvent.js';

export interface StreamBuildLogsResponse {
  'line'?: (_dodil_ignite_v1_BuildLogLine | null);
  'status'?: (_dodil_ignite_v1_BuildStatusEvent | null);
  'event'?: "line"|"status";
}

export interface StreamBuildLogsResponse__Output {
  'line'?: (_dodil_ignite_v1_BuildLogLine__Output | null);
  'status'?: (_dodil_ignite_v1_BuildStatusEvent__Output | null);
  'event'?: "line"|"status";
}
