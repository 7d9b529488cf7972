// Original file: proto/dodil/ignite/v1/ignite_common.proto


export interface GoRuntime {
  'version'?: (string);
}

export interface GoRuntime__Output {
  'version': (string);
}
