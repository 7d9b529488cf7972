// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppLogLine as _dodil_ignite_v1_AppLogLine, AppLogLine__Output as _dodil_ignite_v1_AppLogLine__Output } from '../../../dodil/ignite/v1/AppLogLine.js';

export interface StreamAppLogsResponse {
  'line'?: (_dodil_ignite_v1_AppLogLine | null);
  'frame'?: "line";
}

export interface StreamAppLogsResponse__Output {
  'line'?: (_dodil_ignite_v1_AppLogLine__Output | null);
  'frame'?: "line";
}
