// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateAppRequest as _dodil_ignite_v1_CreateAppRequest, CreateAppRequest__Output as _dodil_ignite_v1_CreateAppRequest__Output } from '../../../dodil/ignite/v1/CreateAppRequest.js';
import type { CreateAppResponse as _dodil_ignite_v1_CreateAppResponse, CreateAppResponse__Output as _dodil_ignite_v1_CreateAppResponse__Output } from '../../../dodil/ignite/v1/CreateAppResponse.js';
import type { DeleteAppRequest as _dodil_ignite_v1_DeleteAppRequest, DeleteAppRequest__Output as _dodil_ignite_v1_DeleteAppRequest__Output } from '../../../dodil/ignite/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _dodil_ignite_v1_DeleteAppResponse, DeleteAppResponse__Output as _dodil_ignite_v1_DeleteAppResponse__Output } from '../../../dodil/ignite/v1/DeleteAppResponse.js';
import type { GetAppLogsRequest as _dodil_ignite_v1_GetAppLogsRequest, GetAppLogsRequest__Output as _dodil_ignite_v1_GetAppLogsRequest__Output } from '../../../dodil/ignite/v1/GetAppLogsRequest.js';
import type { GetAppLogsResponse as _dodil_ignite_v1_GetAppLogsResponse, GetAppLogsResponse__Output as _dodil_ignite_v1_GetAppLogsResponse__Output } from '../../../dodil/ignite/v1/GetAppLogsResponse.js';
import type { GetAppRequest as _dodil_ignite_v1_GetAppRequest, GetAppRequest__Output as _dodil_ignite_v1_GetAppRequest__Output } from '../../../dodil/ignite/v1/GetAppRequest.js';
import type { GetAppResponse as _dodil_ignite_v1_GetAppResponse, GetAppResponse__Output as _dodil_ignite_v1_GetAppResponse__Output } from '../../../dodil/ignite/v1/GetAppResponse.js';
import type { GetAppStateRequest as _dodil_ignite_v1_GetAppStateRequest, GetAppStateRequest__Output as _dodil_ignite_v1_GetAppStateRequest__Output } from '../../../dodil/ignite/v1/GetAppStateRequest.js';
import type { GetAppStateResponse as _dodil_ignite_v1_GetAppStateResponse, GetAppStateResponse__Output as _dodil_ignite_v1_GetAppStateResponse__Output } from '../../../dodil/ignite/v1/GetAppStateResponse.js';
import type { GetAppVersionRequest as _dodil_ignite_v1_GetAppVersionRequest, GetAppVersionRequest__Output as _dodil_ignite_v1_GetAppVersionRequest__Output } from '../../../dodil/ignite/v1/GetAppVersionRequest.js';
import type { GetAppVersionResponse as _dodil_ignite_v1_GetAppVersionResponse, GetAppVersionResponse__Output as _dodil_ignite_v1_GetAppVersionResponse__Output } from '../../../dodil/ignite/v1/GetAppVersionResponse.js';
import type { GetDraftInfoRequest as _dodil_ignite_v1_GetDraftInfoRequest, GetDraftInfoRequest__Output as _dodil_ignite_v1_GetDraftInfoRequest__Output } from '../../../dodil/ignite/v1/GetDraftInfoRequest.js';
import type { GetDraftInfoResponse as _dodil_ignite_v1_GetDraftInfoResponse, GetDraftInfoResponse__Output as _dodil_ignite_v1_GetDraftInfoResponse__Output } from '../../../dodil/ignite/v1/GetDraftInfoResponse.js';
import type { HealthCheckRequest as _dodil_ignite_v1_HealthCheckRequest, HealthCheckRequest__Output as _dodil_ignite_v1_HealthCheckRequest__Output } from '../../../dodil/ignite/v1/HealthCheckRequest.js';
import type { HealthCheckResponse as _dodil_ignite_v1_HealthCheckResponse, HealthCheckResponse__Output as _dodil_ignite_v1_HealthCheckResponse__Output } from '../../../dodil/ignite/v1/HealthCheckResponse.js';
import type { InvokeRequest as _dodil_ignite_v1_InvokeRequest, InvokeRequest__Output as _dodil_ignite_v1_InvokeRequest__Output } from '../../../dodil/ignite/v1/InvokeRequest.js';
import type { InvokeResponse as _dodil_ignite_v1_InvokeResponse, InvokeResponse__Output as _dodil_ignite_v1_InvokeResponse__Output } from '../../../dodil/ignite/v1/InvokeResponse.js';
import type { ListAppVersionsRequest as _dodil_ignite_v1_ListAppVersionsRequest, ListAppVersionsRequest__Output as _dodil_ignite_v1_ListAppVersionsRequest__Output } from '../../../dodil/ignite/v1/ListAppVersionsRequest.js';
import type { ListAppVersionsResponse as _dodil_ignite_v1_ListAppVersionsResponse, ListAppVersionsResponse__Output as _dodil_ignite_v1_ListAppVersionsResponse__Output } from '../../../dodil/ignite/v1/ListAppVersionsResponse.js';
import type { ListAppsRequest as _dodil_ignite_v1_ListAppsRequest, ListAppsRequest__Output as _dodil_ignite_v1_ListAppsRequest__Output } from '../../../dodil/ignite/v1/ListAppsRequest.js';
import type { ListAppsResponse as _dodil_ignite_v1_ListAppsResponse, ListAppsResponse__Output as _dodil_ignite_v1_ListAppsResponse__Output } from '../../../dodil/ignite/v1/ListAppsResponse.js';
import type { PublishDraftRequest as _dodil_ignite_v1_PublishDraftRequest, PublishDraftRequest__Output as _dodil_ignite_v1_PublishDraftRequest__Output } from '../../../dodil/ignite/v1/PublishDraftRequest.js';
import type { PublishDraftResponse as _dodil_ignite_v1_PublishDraftResponse, PublishDraftResponse__Output as _dodil_ignite_v1_PublishDraftResponse__Output } from '../../../dodil/ignite/v1/PublishDraftResponse.js';
import type { RollbackAppRequest as _dodil_ignite_v1_RollbackAppRequest, RollbackAppRequest__Output as _dodil_ignite_v1_RollbackAppRequest__Output } from '../../../dodil/ignite/v1/RollbackAppRequest.js';
import type { RollbackAppResponse as _dodil_ignite_v1_RollbackAppResponse, RollbackAppResponse__Output as _dodil_ignite_v1_RollbackAppResponse__Output } from '../../../dodil/ignite/v1/RollbackAppResponse.js';
import type { SaveDraftRequest as _dodil_ignite_v1_SaveDraftRequest, SaveDraftRequest__Output as _dodil_ignite_v1_SaveDraftRequest__Output } from '../../../dodil/ignite/v1/SaveDraftRequest.js';
import type { SaveDraftResponse as _dodil_ignite_v1_SaveDraftResponse, SaveDraftResponse__Output as _dodil_ignite_v1_SaveDraftResponse__Output } from '../../../dodil/ignite/v1/SaveDraftResponse.js';
import type { StreamAppLogsRequest as _dodil_ignite_v1_StreamAppLogsRequest, StreamAppLogsRequest__Output as _dodil_ignite_v1_StreamAppLogsRequest__Output } from '../../../dodil/ignite/v1/StreamAppLogsRequest.js';
import type { StreamAppLogsResponse as _dodil_ignite_v1_StreamAppLogsResponse, StreamAppLogsResponse__Output as _dodil_ignite_v1_StreamAppLogsResponse__Output } from '../../../dodil/ignite/v1/StreamAppLogsResponse.js';
import type { TestDraftRequest as _dodil_ignite_v1_TestDraftRequest, TestDraftRequest__Output as _dodil_ignite_v1_TestDraftRequest__Output } from '../../../dodil/ignite/v1/TestDraftRequest.js';
import type { TestDraftResponse as _dodil_ignite_v1_TestDraftResponse, TestDraftResponse__Output as _dodil_ignite_v1_TestDraftResponse__Output } from '../../../dodil/ignite/v1/TestDraftResponse.js';
import type { UpdateAppConfigRequest as _dodil_ignite_v1_UpdateAppConfigRequest, UpdateAppConfigRequest__Output as _dodil_ignite_v1_UpdateAppConfigRequest__Output } from '../../../dodil/ignite/v1/UpdateAppConfigRequest.js';
import type { UpdateAppConfigResponse as _dodil_ignite_v1_UpdateAppConfigResponse, UpdateAppConfigResponse__Output as _dodil_ignite_v1_UpdateAppConfigResponse__Output } from '../../../dodil/ignite/v1/UpdateAppConfigResponse.js';

export interface ComputeServiceClient extends grpc.Client {
  CreateApp(argument: _dodil_ignite_v1_CreateAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  CreateApp(argument: _dodil_ignite_v1_CreateAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  CreateApp(argument: _dodil_ignite_v1_CreateAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  CreateApp(argument: _dodil_ignite_v1_CreateAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  createApp(argument: _dodil_ignite_v1_CreateAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  createApp(argument: _dodil_ignite_v1_CreateAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  createApp(argument: _dodil_ignite_v1_CreateAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  createApp(argument: _dodil_ignite_v1_CreateAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_CreateAppResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _dodil_ignite_v1_DeleteAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  
  GetApp(argument: _dodil_ignite_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _dodil_ignite_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _dodil_ignite_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _dodil_ignite_v1_GetAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _dodil_ignite_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _dodil_ignite_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _dodil_ignite_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _dodil_ignite_v1_GetAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  
  GetAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  GetAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  GetAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  GetAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  getAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  getAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  getAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  getAppLogs(argument: _dodil_ignite_v1_GetAppLogsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppLogsResponse__Output>): grpc.ClientUnaryCall;
  
  GetAppState(argument: _dodil_ignite_v1_GetAppStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  GetAppState(argument: _dodil_ignite_v1_GetAppStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  GetAppState(argument: _dodil_ignite_v1_GetAppStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  GetAppState(argument: _dodil_ignite_v1_GetAppStateRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  getAppState(argument: _dodil_ignite_v1_GetAppStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  getAppState(argument: _dodil_ignite_v1_GetAppStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  getAppState(argument: _dodil_ignite_v1_GetAppStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  getAppState(argument: _dodil_ignite_v1_GetAppStateRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppStateResponse__Output>): grpc.ClientUnaryCall;
  
  GetAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  GetAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  GetAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  GetAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  getAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  getAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  getAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  getAppVersion(argument: _dodil_ignite_v1_GetAppVersionRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetAppVersionResponse__Output>): grpc.ClientUnaryCall;
  
  GetDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  GetDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  GetDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  GetDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  getDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  getDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  getDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  getDraftInfo(argument: _dodil_ignite_v1_GetDraftInfoRequest, callback: grpc.requestCallback<_dodil_ignite_v1_GetDraftInfoResponse__Output>): grpc.ClientUnaryCall;
  
  HealthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _dodil_ignite_v1_HealthCheckRequest, callback: grpc.requestCallback<_dodil_ignite_v1_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  
  Invoke(argument: _dodil_ignite_v1_InvokeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_InvokeResponse__Output>;
  Invoke(argument: _dodil_ignite_v1_InvokeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_InvokeResponse__Output>;
  invoke(argument: _dodil_ignite_v1_InvokeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_InvokeResponse__Output>;
  invoke(argument: _dodil_ignite_v1_InvokeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_InvokeResponse__Output>;
  
  ListAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  listAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  listAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  listAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  listAppVersions(argument: _dodil_ignite_v1_ListAppVersionsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListApps(argument: _dodil_ignite_v1_ListAppsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _dodil_ignite_v1_ListAppsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _dodil_ignite_v1_ListAppsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _dodil_ignite_v1_ListAppsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _dodil_ignite_v1_ListAppsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _dodil_ignite_v1_ListAppsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _dodil_ignite_v1_ListAppsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _dodil_ignite_v1_ListAppsRequest, callback: grpc.requestCallback<_dodil_ignite_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  
  PublishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  PublishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  PublishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  PublishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  publishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  publishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  publishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  publishDraft(argument: _dodil_ignite_v1_PublishDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_PublishDraftResponse__Output>): grpc.ClientUnaryCall;
  
  RollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  RollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  RollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  RollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  rollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  rollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  rollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  rollbackApp(argument: _dodil_ignite_v1_RollbackAppRequest, callback: grpc.requestCallback<_dodil_ignite_v1_RollbackAppResponse__Output>): grpc.ClientUnaryCall;
  
  SaveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  SaveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  SaveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  SaveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  saveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  saveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  saveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  saveDraft(argument: _dodil_ignite_v1_SaveDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_SaveDraftResponse__Output>): grpc.ClientUnaryCall;
  
  StreamAppLogs(argument: _dodil_ignite_v1_StreamAppLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamAppLogsResponse__Output>;
  StreamAppLogs(argument: _dodil_ignite_v1_StreamAppLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamAppLogsResponse__Output>;
  streamAppLogs(argument: _dodil_ignite_v1_StreamAppLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamAppLogsResponse__Output>;
  streamAppLogs(argument: _dodil_ignite_v1_StreamAppLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_dodil_ignite_v1_StreamAppLogsResponse__Output>;
  
  TestDraft(argument: _dodil_ignite_v1_TestDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  TestDraft(argument: _dodil_ignite_v1_TestDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  TestDraft(argument: _dodil_ignite_v1_TestDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  TestDraft(argument: _dodil_ignite_v1_TestDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  testDraft(argument: _dodil_ignite_v1_TestDraftRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  testDraft(argument: _dodil_ignite_v1_TestDraftRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  testDraft(argument: _dodil_ignite_v1_TestDraftRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  testDraft(argument: _dodil_ignite_v1_TestDraftRequest, callback: grpc.requestCallback<_dodil_ignite_v1_TestDraftResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  UpdateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  UpdateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  UpdateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  updateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  updateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  updateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  updateAppConfig(argument: _dodil_ignite_v1_UpdateAppConfigRequest, callback: grpc.requestCallback<_dodil_ignite_v1_UpdateAppConfigResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ComputeServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateApp: grpc.handleUnaryCall<_dodil_ignite_v1_CreateAppRequest__Output, _dodil_ignite_v1_CreateAppResponse>;
  
  DeleteApp: grpc.handleUnaryCall<_dodil_ignite_v1_DeleteAppRequest__Output, _dodil_ignite_v1_DeleteAppResponse>;
  
  GetApp: grpc.handleUnaryCall<_dodil_ignite_v1_GetAppRequest__Output, _dodil_ignite_v1_GetAppResponse>;
  
  GetAppLogs: grpc.handleUnaryCall<_dodil_ignite_v1_GetAppLogsRequest__Output, _dodil_ignite_v1_GetAppLogsResponse>;
  
  GetAppState: grpc.handleUnaryCall<_dodil_ignite_v1_GetAppStateRequest__Output, _dodil_ignite_v1_GetAppStateResponse>;
  
  GetAppVersion: grpc.handleUnaryCall<_dodil_ignite_v1_GetAppVersionRequest__Output, _dodil_ignite_v1_GetAppVersionResponse>;
  
  GetDraftInfo: grpc.handleUnaryCall<_dodil_ignite_v1_GetDraftInfoRequest__Output, _dodil_ignite_v1_GetDraftInfoResponse>;
  
  HealthCheck: grpc.handleUnaryCall<_dodil_ignite_v1_HealthCheckRequest__Output, _dodil_ignite_v1_HealthCheckResponse>;
  
  Invoke: grpc.handleServerStreamingCall<_dodil_ignite_v1_InvokeRequest__Output, _dodil_ignite_v1_InvokeResponse>;
  
  ListAppVersions: grpc.handleUnaryCall<_dodil_ignite_v1_ListAppVersionsRequest__Output, _dodil_ignite_v1_ListAppVersionsResponse>;
  
  ListApps: grpc.handleUnaryCall<_dodil_ignite_v1_ListAppsRequest__Output, _dodil_ignite_v1_ListAppsResponse>;
  
  PublishDraft: grpc.handleUnaryCall<_dodil_ignite_v1_PublishDraftRequest__Output, _dodil_ignite_v1_PublishDraftResponse>;
  
  RollbackApp: grpc.handleUnaryCall<_dodil_ignite_v1_RollbackAppRequest__Output, _dodil_ignite_v1_RollbackAppResponse>;
  
  SaveDraft: grpc.handleUnaryCall<_dodil_ignite_v1_SaveDraftRequest__Output, _dodil_ignite_v1_SaveDraftResponse>;
  
  StreamAppLogs: grpc.handleServerStreamingCall<_dodil_ignite_v1_StreamAppLogsRequest__Output, _dodil_ignite_v1_StreamAppLogsResponse>;
  
  TestDraft: grpc.handleUnaryCall<_dodil_ignite_v1_TestDraftRequest__Output, _dodil_ignite_v1_TestDraftResponse>;
  
  UpdateAppConfig: grpc.handleUnaryCall<_dodil_ignite_v1_UpdateAppConfigRequest__Output, _dodil_ignite_v1_UpdateAppConfigResponse>;
  
}

export interface ComputeServiceDefinition extends grpc.ServiceDefinition {
  CreateApp: MethodDefinition<_dodil_ignite_v1_CreateAppRequest, _dodil_ignite_v1_CreateAppResponse, _dodil_ignite_v1_CreateAppRequest__Output, _dodil_ignite_v1_CreateAppResponse__Output>
  DeleteApp: MethodDefinition<_dodil_ignite_v1_DeleteAppRequest, _dodil_ignite_v1_DeleteAppResponse, _dodil_ignite_v1_DeleteAppRequest__Output, _dodil_ignite_v1_DeleteAppResponse__Output>
  GetApp: MethodDefinition<_dodil_ignite_v1_GetAppRequest, _dodil_ignite_v1_GetAppResponse, _dodil_ignite_v1_GetAppRequest__Output, _dodil_ignite_v1_GetAppResponse__Output>
  GetAppLogs: MethodDefinition<_dodil_ignite_v1_GetAppLogsRequest, _dodil_ignite_v1_GetAppLogsResponse, _dodil_ignite_v1_GetAppLogsRequest__Output, _dodil_ignite_v1_GetAppLogsResponse__Output>
  GetAppState: MethodDefinition<_dodil_ignite_v1_GetAppStateRequest, _dodil_ignite_v1_GetAppStateResponse, _dodil_ignite_v1_GetAppStateRequest__Output, _dodil_ignite_v1_GetAppStateResponse__Output>
  GetAppVersion: MethodDefinition<_dodil_ignite_v1_GetAppVersionRequest, _dodil_ignite_v1_GetAppVersionResponse, _dodil_ignite_v1_GetAppVersionRequest__Output, _dodil_ignite_v1_GetAppVersionResponse__Output>
  GetDraftInfo: MethodDefinition<_dodil_ignite_v1_GetDraftInfoRequest, _dodil_ignite_v1_GetDraftInfoResponse, _dodil_ignite_v1_GetDraftInfoRequest__Output, _dodil_ignite_v1_GetDraftInfoResponse__Output>
  HealthCheck: MethodDefinition<_dodil_ignite_v1_HealthCheckRequest, _dodil_ignite_v1_HealthCheckResponse, _dodil_ignite_v1_HealthCheckRequest__Output, _dodil_ignite_v1_HealthCheckResponse__Output>
  Invoke: MethodDefinition<_dodil_ignite_v1_InvokeRequest, _dodil_ignite_v1_InvokeResponse, _dodil_ignite_v1_InvokeRequest__Output, _dodil_ignite_v1_InvokeResponse__Output>
  ListAppVersions: MethodDefinition<_dodil_ignite_v1_ListAppVersionsRequest, _dodil_ignite_v1_ListAppVersionsResponse, _dodil_ignite_v1_ListAppVersionsRequest__Output, _dodil_ignite_v1_ListAppVersionsResponse__Output>
  ListApps: MethodDefinition<_dodil_ignite_v1_ListAppsRequest, _dodil_ignite_v1_ListAppsResponse, _dodil_ignite_v1_ListAppsRequest__Output, _dodil_ignite_v1_ListAppsResponse__Output>
  PublishDraft: MethodDefinition<_dodil_ignite_v1_PublishDraftRequest, _dodil_ignite_v1_PublishDraftResponse, _dodil_ignite_v1_PublishDraftRequest__Output, _dodil_ignite_v1_PublishDraftResponse__Output>
  RollbackApp: MethodDefinition<_dodil_ignite_v1_RollbackAppRequest, _dodil_ignite_v1_RollbackAppResponse, _dodil_ignite_v1_RollbackAppRequest__Output, _dodil_ignite_v1_RollbackAppResponse__Output>
  SaveDraft: MethodDefinition<_dodil_ignite_v1_SaveDraftRequest, _dodil_ignite_v1_SaveDraftResponse, _dodil_ignite_v1_SaveDraftRequest__Output, _dodil_ignite_v1_SaveDraftResponse__Output>
  StreamAppLogs: MethodDefinition<_dodil_ignite_v1_StreamAppLogsRequest, _dodil_ignite_v1_StreamAppLogsResponse, _dodil_ignite_v1_StreamAppLogsRequest__Output, _dodil_ignite_v1_StreamAppLogsResponse__Output>
  TestDraft: MethodDefinition<_dodil_ignite_v1_TestDraftRequest, _dodil_ignite_v1_TestDraftResponse, _dodil_ignite_v1_TestDraftRequest__Output, _dodil_ignite_v1_TestDraftResponse__Output>
  UpdateAppConfig: MethodDefinition<_dodil_ignite_v1_UpdateAppConfigRequest, _dodil_ignite_v1_UpdateAppConfigResponse, _dodil_ignite_v1_UpdateAppConfigRequest__Output, _dodil_ignite_v1_UpdateAppConfigResponse__Output>
}
