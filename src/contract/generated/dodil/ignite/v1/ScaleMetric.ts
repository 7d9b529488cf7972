// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const ScaleMetric = {
  SCALE_METRIC_UNSPECIFIED: 'SCALE_METRIC_UNSPECIFIED',
  SCALE_METRIC_CONCURRENCY: 'SCALE_METRIC_CONCURRENCY',
  SCALE_METRIC_REQUESTS_PER_SECOND: 'SCALE_METRIC_REQUESTS_PER_SECOND',
} as const;

export type ScaleMetric =
  | 'SCALE_METRIC_UNSPECIFIED'
  | 0
  | 'SCALE_METRIC_CONCURRENCY'
  | 1
  | 'SCALE_METRIC_REQUESTS_PER_SECOND'
  | 2

export type ScaleMetric__Output = typeof ScaleMetric[keyof typeof ScaleMetric]
