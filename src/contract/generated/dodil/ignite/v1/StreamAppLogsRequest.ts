// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { AppLogFilter as _dodil_ignite_v1_AppLogFilter, AppLogFilter__Output as _dodil_ignite_v1_AppLogFilter__Output } from '../../../dodil/ignite/v1/AppLogFilter.js';
import type { Long } from '@grpc/proto-loader';

export interface StreamAppLogsRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'after_seq'?: (number | string | Long);
  'from_start'?: (boolean);
  'filter'?: (_dodil_ignite_v1_AppLogFilter | null);
}

export interface StreamAppLogsRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'after_seq': (string);
  'from_start': (boolean);
  'filter': (_dodil_ignite_v1_AppLogFilter__Output | null);
}
