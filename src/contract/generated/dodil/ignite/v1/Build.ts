// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type { BuildStatus as _dodil_ignite_v1_BuildStatus, BuildStatus__Output as _dodil_ignite_v1_BuildStatus__Output } from '../../../dodil/ignite/v1/BuildStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface Build {
  'build_id'?: (string);
  'status'?: (_dodil_ignite_v1_BuildStatus);
  'image_refs'?: (string)[];
  'build_args'?: ({[key: string]: string});
  'created_at_ms'?: (number | string | Long);
  'name'?: (string);
  'tags'?: (string)[];
  'dockerfile'?: (string);
  'platform'?: (string);
  'started_at_ms'?: (number | string | Long);
  'finished_at_ms'?: (number | string | Long);
  'image_digest'?: (string);
  'error'?: (string);
  'source'?: (string);
  'last_log_seq'?: (number | string | Long);
  'steps_not_executed'?: (string)[];
  'organization_name'?: (string);
  'timeout_secs'?: (number | string | Long);
  'no_cache'?: (boolean);
  'engine'?: (string);
}

export interface Build__Output {
  'build_id': (string);
  'status': (_dodil_ignite_v1_BuildStatus__Output);
  'image_refs': (string)[];
  'build_args': ({[key: string]: string});
  'created_at_ms': (string);
  'name': (string);
  'tags': (string)[];
  'dockerfile': (string);
  'platform': (string);
  'started_at_ms': (string);
  'finished_at_ms': (string);
  'image_digest': (string);
  'error': (string);
  'source': (string);
  'last_log_seq': (string);
  'steps_not_executed': (string)[];
  'organization_name': (string);
  'timeout_secs': (string);
  'no_cache': (boolean);
  'engine': (string);
}
