// Original file: proto/dodil/ignite/v1/ignite_common.proto


export interface PythonRuntime {
  'version'?: (string);
}

export interface PythonRuntime__Output {
  'version': (string);
}
