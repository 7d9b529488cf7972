// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface GitSecret {
  'username'?: (string);
  'token'?: (string);
}

export interface GitSecret__Output {
  'username': (string);
  'token': (string);
}
