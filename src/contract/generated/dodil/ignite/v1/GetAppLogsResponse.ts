// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppLogLine as _dodil_ignite_v1_AppLogLine, AppLogLine__Output as _dodil_ignite_v1_AppLogLine__Output } from '../../../dodil/ignite/v1/AppLogLine.js';
import type { Long } from '@grpc/proto-loader';

export interface GetAppLogsResponse {
  'lines'?: (_dodil_ignite_v1_AppLogLine)[];
  'last_seq'?: (number | string | Long);
  'matching'?: (number);
}

export interface GetAppLogsResponse__Output {
  'lines': (_dodil_ignite_v1_AppLogLine__Output)[];
  'last_seq': (string);
  'matching': (number);
}
