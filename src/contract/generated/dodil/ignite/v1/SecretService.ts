// Original file: proto/dodil/ignite/v1/ignite_secret.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateSecretRequest as _dodil_ignite_v1_CreateSecretRequest, CreateSecretRequest__Output as _dodil_ignite_v1_CreateSecretRequest__Output } from '../../../dodil/ignite/v1/CreateSecretRequest.js';
import type { CreateSecretResponse as _dodil_ignite_v1_CreateSecretResponse, CreateSecretResponse__Output as _dodil_ignite_v1_CreateSecretResponse__Output } from '../../../dodil/ignite/v1/CreateSecretResponse.js';
import type { DeleteSecretRequest as _dodil_ignite_v1_DeleteSecretRequest, DeleteSecretRequest__Output as _dodil_ignite_v1_DeleteSecretRequest__Output } from '../../../dodil/ignite/v1/DeleteSecretRequest.js';
import type { DeleteSecretResponse as _dodil_ignite_v1_DeleteSecretResponse, DeleteSecretResponse__Output as _dodil_ignite_v1_DeleteSecretResponse__Output } from '../../../dodil/ignite/v1/DeleteSecretResponse.js';
import type { GetSecretRequest as _dodil_ignite_v1_GetSecretRequest, GetSecretRequest__Output as _dodil_ignite_v1_GetSecretRequest__Output } from '../../../dodil/ignite/v1/GetSecretRequest.js';
import type { GetSecretResponse as _dodil_ignite_v1_GetSecretResponse, GetSecretResponse__Output as _dodil_ignite_v1_GetSecretResponse__Output } from '../../../dodil/ignite/v1/GetSecretResponse.js';
import type { ListSecretsRequest as _dodil_ignite_v1_ListSecretsRequest, ListSecretsRequest__Output as _dodil_ignite_v1_ListSecretsRequest__Output } from '../../../dodil/ignite/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _dodil_ignite_v1_ListSecretsResponse, ListSecretsResponse__Output as _dodil_ignite_v1_ListSecretsResponse__Output } from '../../../dodil/ignite/v1/ListSecretsResponse.js';

export interface SecretServiceClient extends grpc.Client {
  CreateSecret(argument: _dodil_ignite_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _dodil_ignite_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _dodil_ignite_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  CreateSecret(argument: _dodil_ignite_v1_CreateSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _dodil_ignite_v1_CreateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _dodil_ignite_v1_CreateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _dodil_ignite_v1_CreateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  createSecret(argument: _dodil_ignite_v1_CreateSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateSecretResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  DeleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  deleteSecret(argument: _dodil_ignite_v1_DeleteSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteSecretResponse__Output>): grpc.ClientUnaryCall;
  
  GetSecret(argument: _dodil_ignite_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _dodil_ignite_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _dodil_ignite_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  GetSecret(argument: _dodil_ignite_v1_GetSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _dodil_ignite_v1_GetSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _dodil_ignite_v1_GetSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _dodil_ignite_v1_GetSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  getSecret(argument: _dodil_ignite_v1_GetSecretRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetSecretResponse__Output>): grpc.ClientUnaryCall;
  
  ListSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  ListSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  listSecrets(argument: _dodil_ignite_v1_ListSecretsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListSecretsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SecretServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateSecret: grpc.handleUnaryCall<_dodil_ignite_v1_CreateSecretRequest__Output, _dodil_ignite_v1_CreateSecretResponse>;
  
  DeleteSecret: grpc.handleUnaryCall<_dodil_ignite_v1_DeleteSecretRequest__Output, _dodil_ignite_v1_DeleteSecretResponse>;
  
  GetSecret: grpc.handleUnaryCall<_dodil_ignite_v1_GetSecretRequest__Output, _dodil_ignite_v1_GetSecretResponse>;
  
  ListSecrets: grpc.handleUnaryCall<_dodil_ignite_v1_ListSecretsRequest__Output, _dodil_ignite_v1_ListSecretsResponse>;
  
}

export interface SecretServiceDefinition extends grpc.ServiceDefinition {
  CreateSecret: MethodDefinition<_dodil_ignite_v1_CreateSecretRequest, _dodil_ignite_v1_CreateSecretResponse, _dodil_ignite_v1_CreateSecretRequest__Output, _dodil_ignite_v1_CreateSecretResponse__Output>
  DeleteSecret: MethodDefinition<_dodil_ignite_v1_DeleteSecretRequest, _dodil_ignite_v1_DeleteSecretResponse, _dodil_ignite_v1_DeleteSecretRequest__Output, _dodil_ignite_v1_DeleteSecretResponse__Output>
  GetSecret: MethodDefinition<_dodil_ignite_v1_GetSecretRequest, _dodil_ignite_v1_GetSecretResponse, _dodil_ignite_v1_GetSecretRequest__Output, _dodil_ignite_v1_GetSecretResponse__Output>
  ListSecrets: MethodDefinition<_dodil_ignite_v1_ListSecretsRequest, _dodil_ignite_v1_ListSecretsResponse, _dodil_ignite_v1_ListSecretsRequest__Output, _dodil_ignite_v1_ListSecretsResponse__Output>
}
