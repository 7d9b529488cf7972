// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface DeleteSecretResponse {
  'deleted'?: (boolean);
}

export interface DeleteSecretResponse__Output {
  'deleted': (boolean);
}
