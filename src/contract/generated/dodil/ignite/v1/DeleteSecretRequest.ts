// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface DeleteSecretRequest {
  'name'?: (string);
}

export interface DeleteSecretRequest__Output {
  'name': (string);
}
