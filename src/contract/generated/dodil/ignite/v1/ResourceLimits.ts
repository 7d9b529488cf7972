// Original file: proto/dodil/ignite/v1/ignite_common.proto


export interface ResourceLimits {
  'memory_mb'?: (number);
  'cpu_millicores'?: (number);
  'timeout_secs'?: (number);
}

export interface ResourceLimits__Output {
  'memory_mb': (number);
  'cpu_millicores': (number);
  'timeout_secs': (number);
}
