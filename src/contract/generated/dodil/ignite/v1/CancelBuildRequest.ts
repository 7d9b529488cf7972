// Original file: proto/dodil/ignite/v1/ignite_build.proto


export interface CancelBuildRequest {
  'build_id'?: (string);
}

export interface CancelBuildRequest__Output {
  'build_id': (string);
}
