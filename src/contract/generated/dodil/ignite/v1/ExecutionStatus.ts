// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const ExecutionStatus = {
  EXECUTION_STATUS_UNSPECIFIED: 'EXECUTION_STATUS_UNSPECIFIED',
  EXECUTION_STATUS_RUNNING: 'EXECUTION_STATUS_RUNNING',
  EXECUTION_STATUS_SUCCEEDED: 'EXECUTION_STATUS_SUCCEEDED',
  EXECUTION_STATUS_FAILED: 'EXECUTION_STATUS_FAILED',
} as const;

export type ExecutionStatus =
  | 'EXECUTION_STATUS_UNSPECIFIED'
  | 0
  | 'EXECUTION_STATUS_RUNNING'
  | 1
  | 'EXECUTION_STATUS_SUCCEEDED'
  | 2
  | 'EXECUTION_STATUS_FAILED'
  | 3

export type ExecutionStatus__Output = typeof ExecutionStatus[keyof typeof ExecutionStatus]
