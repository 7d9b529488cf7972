// Original file: proto/dodil/ignite/v1/ignite_build.proto


export interface GetBuildRequest {
  'build_id'?: (string);
}

export interface GetBuildRequest__Output {
  'build_id': (string);
}
