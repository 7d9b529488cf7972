// Original file: proto/dodil/ignite/v1/ignite_compute.proto

export const InstanceState = {
  INSTANCE_STATE_UNSPECIFIED: 'INSTANCE_STATE_UNSPECIFIED',
  INSTANCE_STATE_READY: 'INSTANCE_STATE_READY',
  INSTANCE_STATE_UNHEALTHY: 'INSTANCE_STATE_UNHEALTHY',
} as const;

export type InstanceState =
  | 'INSTANCE_STATE_UNSPECIFIED'
  | 0
  | 'INSTANCE_STATE_READY'
  | 1
  | 'INSTANCE_STATE_UNHEALTHY'
  | 2

export type InstanceState__Output = typeof InstanceState[keyof typeof InstanceState]
