// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { InstanceState as _dodil_ignite_v1_InstanceState, InstanceState__Output as _dodil_ignite_v1_InstanceState__Output } from '../../../dodil/ignite/v1/InstanceState.js';

export interface AppInstance {
  'instance_id'?: (string);
  'version'?: (number);
  'draft'?: (boolean);
  'state'?: (_dodil_ignite_v1_InstanceState);
  'pid'?: (number);
  'container_id'?: (string);
  'ports'?: ({[key: number]: number});
  'image_digest'?: (string);
}

export interface AppInstance__Output {
  'instance_id': (string);
  'version': (number);
  'draft': (boolean);
  'state': (_dodil_ignite_v1_InstanceState__Output);
  'pid': (number);
  'container_id': (string);
  'ports': ({[key: number]: number});
  'image_digest': (string);
}
