// Original file: proto/dodil/ignite/v1/ignite_common.proto


export interface DenoRuntime {
  'version'?: (string);
}

export interface DenoRuntime__Output {
  'version': (string);
}
