// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface ListSecretsRequest {
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListSecretsRequest__Output {
  'limit': (number);
  'cursor': (string);
}
