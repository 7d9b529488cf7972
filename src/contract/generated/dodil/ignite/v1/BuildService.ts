// Original file: proto/dodil/ignite/v1/ignite_build.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelBuildRequest as _dodil_ignite_v1_CancelBuildRequest, CancelBuildRequest__Output as _dodil_ignite_v1_CancelBuildRequest__Output } from '../../../dodil/ignite/v1/CancelBuildRequest.js';
import type { CancelBuildResponse as _dodil_ignite_v1_CancelBuildResponse, CancelBuildResponse__Output as _dodil_ignite_v1_CancelBuildResponse__Output } from '../../../dodil/ignite/v1/CancelBuildResponse.js';
import type { CreateBuildRequest as _dodil_ignite_v1_CreateBuildRequest, CreateBuildRequest__Output as _dodil_ignite_v1_CreateBuildRequest__Output } from '../../../dodil/ignite/v1/CreateBuildRequest.js';
import type { CreateBuildResponse as _dodil_ignite_v1_CreateBuildResponse, CreateBuildResponse__Output as _dodil_ignite_v1_CreateBuildResponse__Output } from '../../../dodil/ignite/v1/CreateBuildResponse.js';
import type { GetBuildRequest as _dodil_ignite_v1_GetBuildRequest, GetBuildRequest__Output as _dodil_ignite_v1_GetBuildRequest__Output } from '../../../dodil/ignite/v1/GetBuildRequest.js';
import type { GetBuildResponse as _dodil_ignite_v1_GetBuildResponse, GetBuildResponse__Output as _dodil_ignite_v1_GetBuildResponse__Output } from '../../../dodil/ignite/v1/GetBuildResponse.js';
import type { ListBuildsRequest as _dodil_ignite_v1_ListBuildsRequest, ListBuildsRequest__Output as _dodil_ignite_v1_ListBuildsRequest__Output } from '../../../dodil/ignite/v1/ListBuildsRequest.js';
import type { ListBuildsResponse as _dodil_ignite_v1_ListBuildsResponse, ListBuildsResponse__Output as _dodil_ignite_v1_ListBuildsResponse__Output } from '../../../dodil/ignite/v1/ListBuildsResponse.js';
import type { SaveBuildSecretsRequest as _dodil_ignite_v1_SaveBuildSecretsRequest, SaveBuildSecretsRequest__Output as _dodil_ignite_v1_SaveBuildSecretsRequest__Output } from '../../../dodil/ignite/v1/SaveBuildSecretsRequest.js';
import type { SaveBuildSecretsResponse as _dodil_ignite_v1_SaveBuildSecretsResponse, SaveBuildSecretsResponse__Output as _dodil_ignite_v1_SaveBuildSecretsResponse__Output } from '../../../dodil/ignite/v1/SaveBuildSecretsResponse.js';
import type { StreamBuildLogsRequest as _dodil_ignite_v1_StreamBuildLogsRequest, StreamBuildLogsRequest__Output as _dodil_ignite_v1_StreamBuildLogsRequest__Output } from '../../../dodil/ignite/v1/StreamBuildLogsRequest.js';
import type { StreamBuildLogsResponse as _dodil_ignite_v1_StreamBuildLogsResponse, StreamBuildLogsResponse__Output as _dodil_ignite_v1_StreamBuildLogsResponse__Output } from '../../../dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { UploadBuildContextRequest as _dodil_ignite_v1_UploadBuildContextRequest, UploadBuildContextRequest__Output as _dodil_ignite_v1_UploadBuildContextRequest__Output } from '../../../dodil/ignite/v1/UploadBuildContextRequest.js';
import type { UploadBuildContextResponse as _dodil_ignite_v1_UploadBuildContextResponse, UploadBuildContextResponse__Output as _dodil_ignite_v1_UploadBuildContextResponse__Output } from '../../../dodil/ignite/v1/UploadBuildContextResponse.js';

export interface BuildServiceClient extends grpc.Client {
  CancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  CancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  CancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  CancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  cancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  cancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  cancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  cancelBuild(argument: _dodil_ignite_v1_CancelBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CancelBuildResponse__Output>): grpc.ClientUnaryCall;
  
  CreateBuild(argument: _dodil_ignite_v1_CreateBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  CreateBuild(argument: _dodil_ignite_v1_CreateBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  CreateBuild(argument: _dodil_ignite_v1_CreateBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  CreateBuild(argument: _dodil_ignite_v1_CreateBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  createBuild(argument: _dodil_ignite_v1_CreateBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  createBuild(argument: _dodil_ignite_v1_CreateBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  createBuild(argument: _dodil_ignite_v1_CreateBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  createBuild(argument: _dodil_ignite_v1_CreateBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateBuildResponse__Output>): grpc.ClientUnaryCall;
  
  GetBuild(argument: _dodil_ignite_v1_GetBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  GetBuild(argument: _dodil_ignite_v1_GetBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  GetBuild(argument: _dodil_ignite_v1_GetBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  GetBuild(argument: _dodil_ignite_v1_GetBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  getBuild(argument: _dodil_ignite_v1_GetBuildRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  getBuild(argument: _dodil_ignite_v1_GetBuildRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  getBuild(argument: _dodil_ignite_v1_GetBuildRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  getBuild(argument: _dodil_ignite_v1_GetBuildRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetBuildResponse__Output>): grpc.ClientUnaryCall;
  
  ListBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  ListBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  ListBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  ListBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  listBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  listBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  listBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  listBuilds(argument: _dodil_ignite_v1_ListBuildsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListBuildsResponse__Output>): grpc.ClientUnaryCall;
  
  SaveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  SaveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  SaveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  SaveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  saveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  saveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  saveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  saveBuildSecrets(argument: _dodil_ignite_v1_SaveBuildSecretsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_SaveBuildSecretsResponse__Output>): grpc.ClientUnaryCall;
  
  StreamBuildLogs(argument: _dodil_ignite_v1_StreamBuildLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamBuildLogsResponse__Output>;
  StreamBuildLogs(argument: _dodil_ignite_v1_StreamBuildLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamBuildLogsResponse__Output>;
  streamBuildLogs(argument: _dodil_ignite_v1_StreamBuildLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamBuildLogsResponse__Output>;
  streamBuildLogs(argument: _dodil_ignite_v1_StreamBuildLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamBuildLogsResponse__Output>;
  
  UploadBuildContext(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  UploadBuildContext(metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  UploadBuildContext(options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  UploadBuildContext(callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  uploadBuildContext(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  uploadBuildContext(metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  uploadBuildContext(options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  uploadBuildContext(callback: grpc.requestCallback<_dodil_ignite_v1_UploadBuildContextResponse__Output>): grpc.ClientWritableStream<_dodil_ignite_v1_UploadBuildContextRequest>;
  
}

export interface BuildServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelBuild: grpc.handleUnaryCall<_dodil_ignite_v1_CancelBuildRequest__Output, _dodil_ignite_v1_CancelBuildResponse>;
  
  CreateBuild: grpc.handleUnaryCall<_dodil_ignite_v1_CreateBuildRequest__Output, _dodil_ignite_v1_CreateBuildResponse>;
  
  GetBuild: grpc.handleUnaryCall<_dodil_ignite_v1_GetBuildRequest__Output, _dodil_ignite_v1_GetBuildResponse>;
  
  ListBuilds: grpc.handleUnaryCall<_dodil_ignite_v1_ListBuildsRequest__Output, _dodil_ignite_v1_ListBuildsResponse>;
  
  SaveBuildSecrets: grpc.handleUnaryCall<_dodil_ignite_v1_SaveBuildSecretsRequest__Output, _dodil_ignite_v1_SaveBuildSecretsResponse>;
  
  StreamBuildLogs: grpc.handleServerStreamingCall<_dodil_ignite_v1_StreamBuildLogsRequest__Output, _dodil_ignite_v1_StreamBuildLogsResponse>;
  
  UploadBuildContext: grpc.handleClientStreamingCall<_dodil_ignite_v1_UploadBuildContextRequest__Output, _dodil_ignite_v1_UploadBuildContextResponse>;
  
}

export interface BuildServiceDefinition extends grpc.ServiceDefinition {
  CancelBuild: MethodDefinition<_dodil_ignite_v1_CancelBuildRequest, _dodil_ignite_v1_CancelBuildResponse, _dodil_ignite_v1_CancelBuildRequest__Output, _dodil_ignite_v1_CancelBuildResponse__Output>
  CreateBuild: MethodDefinition<_dodil_ignite_v1_CreateBuildRequest, _dodil_ignite_v1_CreateBuildResponse, _dodil_ignite_v1_CreateBuildRequest__Output, _dodil_ignite_v1_CreateBuildResponse__Output>
  GetBuild: MethodDefinition<_dodil_ignite_v1_GetBuildRequest, _dodil_ignite_v1_GetBuildResponse, _dodil_ignite_v1_GetBuildRequest__Output, _dodil_ignite_v1_GetBuildResponse__Output>
  ListBuilds: MethodDefinition<_dodil_ignite_v1_ListBuildsRequest, _dodil_ignite_v1_ListBuildsResponse, _dodil_ignite_v1_ListBuildsRequest__Output, _dodil_ignite_v1_ListBuildsResponse__Output>
  SaveBuildSecrets: MethodDefinition<_dodil_ignite_v1_SaveBuildSecretsRequest, _dodil_ignite_v1_SaveBuildSecretsResponse, _dodil_ignite_v1_SaveBuildSecretsRequest__Output, _dodil_ignite_v1_SaveBuildSecretsResponse__Output>
  StreamBuildLogs: MethodDefinition<_dodil_ignite_v1_StreamBuildLogsRequest, _dodil_ignite_v1_StreamBuildLogsResponse, _dodil_ignite_v1_StreamBuildLogsRequest__Output, _dodil_ignite_v1_StreamBuildLogsResponse__Output>
  UploadBuildContext: MethodDefinition<_dodil_ignite_v1_UploadBuildContextRequest, _dodil_ignite_v1_UploadBuildContextResponse, _dodil_ignite_v1_UploadBuildContextRequest__Output, _dodil_ignite_v1_UploadBuildContextResponse__Output>
}
