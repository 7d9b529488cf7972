// Original file: proto/dodil/ignite/v1/ignite_build.proto


export interface GitCredentials {
  'username'?: (string);
  'password'?: (string);
}

export interface GitCredentials__Output {
  'username': (string);
  'password': (string);
}
