// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface GetSecretRequest {
  'name'?: (string);
}

export interface GetSecretRequest__Output {
  'name': (string);
}
