// Original file: proto/dodil/ignite/v1/ignite_secret.proto


export interface RegistrySecret {
  'username'?: (string);
  'password'?: (string);
  'server_address'?: (string);
}

export interface RegistrySecret__Output {
  'username': (string);
  'password': (string);
  'server_address': (string);
}
