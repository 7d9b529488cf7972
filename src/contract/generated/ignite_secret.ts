import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateSecretRequest as _dodil_ignite_v1_CreateSecretRequest, CreateSecretRequest__Output as _dodil_ignite_v1_CreateSecretRequest__Output } from './dodil/ignite/v1/CreateSecretRequest.js';
import type { CreateSecretResponse as _dodil_ignite_v1_CreateSecretResponse, CreateSecretResponse__Output as _dodil_ignite_v1_CreateSecretResponse__Output } from './dodil/ignite/v1/CreateSecretResponse.js';
import type { DeleteSecretRequest as _dodil_ignite_v1_DeleteSecretRequest, DeleteSecretRequest__Output as _dodil_ignite_v1_DeleteSecretRequest__Output } from './dodil/ignite/v1/DeleteSecretRequest.js';
import type { DeleteSecretResponse as _dodil_ignite_v1_DeleteSecretResponse, DeleteSecretResponse__Output as _dodil_ignite_v1_DeleteSecretResponse__Output } from './dodil/ignite/v1/DeleteSecretResponse.js';
import type { GetSecretRequest as _dodil_ignite_v1_GetSecretRequest, GetSecretRequest__Output as _dodil_ignite_v1_GetSecretRequest__Output } from './dodil/ignite/v1/GetSecretRequest.js';
import type { GetSecretResponse as _dodil_ignite_v1_GetSecretResponse, GetSecretResponse__Output as _dodil_ignite_v1_GetSecretResponse__Output } from './dodil/ignite/v1/GetSecretResponse.js';
import type { GitSecret as _dodil_ignite_v1_GitSecret, GitSecret__Output as _dodil_ignite_v1_GitSecret__Output } from './dodil/ignite/v1/GitSecret.js';
import type { ListSecretsRequest as _dodil_ignite_v1_ListSecretsRequest, ListSecretsRequest__Output as _dodil_ignite_v1_ListSecretsRequest__Output } from './dodil/ignite/v1/ListSecretsRequest.js';
import type { ListSecretsResponse as _dodil_ignite_v1_ListSecretsResponse, ListSecretsResponse__Output as _dodil_ignite_v1_ListSecretsResponse__Output } from './dodil/ignite/v1/ListSecretsResponse.js';
import type { RegistrySecret as _dodil_ignite_v1_RegistrySecret, RegistrySecret__Output as _dodil_ignite_v1_RegistrySecret__Output } from './dodil/ignite/v1/RegistrySecret.js';
import type { SecretMetadata as _dodil_ignite_v1_SecretMetadata, SecretMetadata__Output as _dodil_ignite_v1_SecretMetadata__Output } from './dodil/ignite/v1/SecretMetadata.js';
import type { SecretServiceClient as _dodil_ignite_v1_SecretServiceClient, SecretServiceDefinition as _dodil_ignite_v1_SecretServiceDefinition } from './dodil/ignite/v1/SecretService.js';
import type { SecretValue as _dodil_ignite_v1_SecretValue, SecretValue__Output as _dodil_ignite_v1_SecretValue__Output } from './dodil/ignite/v1/SecretValue.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  dodil: {
    ignite: {
      v1: {
        CreateSecretRequest: MessageTypeDefinition<_dodil_ignite_v1_CreateSecretRequest, _dodil_ignite_v1_CreateSecretRequest__Output>
        CreateSecretResponse: MessageTypeDefinition<_dodil_ignite_v1_CreateSecretResponse, _dodil_ignite_v1_CreateSecretResponse__Output>
        DeleteSecretRequest: MessageTypeDefinition<_dodil_ignite_v1_DeleteSecretRequest, _dodil_ignite_v1_DeleteSecretRequest__Output>
        DeleteSecretResponse: MessageTypeDefinition<_dodil_ignite_v1_DeleteSecretResponse, _dodil_ignite_v1_DeleteSecretResponse__Output>
        GetSecretRequest: MessageTypeDefinition<_dodil_ignite_v1_GetSecretRequest, _dodil_ignite_v1_GetSecretRequest__Output>
        GetSecretResponse: MessageTypeDefinition<_dodil_ignite_v1_GetSecretResponse, _dodil_ignite_v1_GetSecretResponse__Output>
        GitSecret: MessageTypeDefinition<_dodil_ignite_v1_GitSecret, _dodil_ignite_v1_GitSecret__Output>
        ListSecretsRequest: MessageTypeDefinition<_dodil_ignite_v1_ListSecretsRequest, _dodil_ignite_v1_ListSecretsRequest__Output>
        ListSecretsResponse: MessageTypeDefinition<_dodil_ignite_v1_ListSecretsResponse, _dodil_ignite_v1_ListSecretsResponse__Output>
        RegistrySecret: MessageTypeDefinition<_dodil_ignite_v1_RegistrySecret, _dodil_ignite_v1_RegistrySecret__Output>
        SecretMetadata: MessageTypeDefinition<_dodil_ignite_v1_SecretMetadata, _dodil_ignite_v1_SecretMetadata__Output>
        SecretService: SubtypeConstructor<typeof grpc.Client, _dodil_ignite_v1_SecretServiceClient> & { service: _dodil_ignite_v1_SecretServiceDefinition }
        SecretValue: MessageTypeDefinition<_dodil_ignite_v1_SecretValue, _dodil_ignite_v1_SecretValue__Output>
      }
    }
  }
}

