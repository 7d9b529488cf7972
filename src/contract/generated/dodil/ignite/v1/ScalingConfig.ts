// Original file: proto/dodil/ignite/v1/ignite_common.proto

import type { ScaleMetric as _dodil_ignite_v1_ScaleMetric, ScaleMetric__Output as _dodil_ignite_v1_ScaleMetric__Output } from '../../../dodil/ignite/v1/ScaleMetric.js';

export interface ScalingConfig {
  'min_replicas'?: (number);
  'max_replicas'?: (number);
  'reserved'?: (number);
  'metric'?: (_dodil_ignite_v1_ScaleMetric);
  'target'?: (number);
}

export interface ScalingConfig__Output {
  'min_replicas': (number);
  'max_replicas': (number);
  'reserved': (number);
  'metric': (_dodil_ignite_v1_ScaleMetric__Output);
  'target': (number);
}
