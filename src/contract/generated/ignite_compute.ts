import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppInstance as _dodil_ignite_v1_AppInstance, AppInstance__Output as _dodil_ignite_v1_AppInstance__Output } from './dodil/ignite/v1/AppInstance.js';
import type { AppLogFilter as _dodil_ignite_v1_AppLogFilter, AppLogFilter__Output as _dodil_ignite_v1_AppLogFilter__Output } from './dodil/ignite/v1/AppLogFilter.js';
import type { AppLogLine as _dodil_ignite_v1_AppLogLine, AppLogLine__Output as _dodil_ignite_v1_AppLogLine__Output } from './dodil/ignite/v1/AppLogLine.js';
import type { AppMeta as _dodil_ignite_v1_AppMeta, AppMeta__Output as _dodil_ignite_v1_AppMeta__Output } from './dodil/ignite/v1/AppMeta.js';
import type { AppVersionInfo as _dodil_ignite_v1_AppVersionInfo, AppVersionInfo__Output as _dodil_ignite_v1_AppVersionInfo__Output } from './dodil/ignite/v1/AppVersionInfo.js';
import type { CodeSource as _dodil_ignite_v1_CodeSource, CodeSource__Output as _dodil_ignite_v1_CodeSource__Output } from './dodil/ignite/v1/CodeSource.js';
import type { CompileSource as _dodil_ignite_v1_CompileSource, CompileSource__Output as _dodil_ignite_v1_CompileSource__Output } from './dodil/ignite/v1/CompileSource.js';
import type { ComputeServiceClient as _dodil_ignite_v1_ComputeServiceClient, ComputeServiceDefinition as _dodil_ignite_v1_ComputeServiceDefinition } from './dodil/ignite/v1/ComputeService.js';
import type { CreateAppRequest as _dodil_ignite_v1_CreateAppRequest, CreateAppRequest__Output as _dodil_ignite_v1_CreateAppRequest__Output } from './dodil/ignite/v1/CreateAppRequest.js';
import type { CreateAppResponse as _dodil_ignite_v1_CreateAppResponse, CreateAppResponse__Output as _dodil_ignite_v1_CreateAppResponse__Output } from './dodil/ignite/v1/CreateAppResponse.js';
import type { DeleteAppRequest as _dodil_ignite_v1_DeleteAppRequest, DeleteAppRequest__Output as _dodil_ignite_v1_DeleteAppRequest__Output } from './dodil/ignite/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _dodil_ignite_v1_DeleteAppResponse, DeleteAppResponse__Output as _dodil_ignite_v1_DeleteAppResponse__Output } from './dodil/ignite/v1/DeleteAppResponse.js';
import type { DenoRuntime as _dodil_ignite_v1_DenoRuntime, DenoRuntime__Output as _dodil_ignite_v1_DenoRuntime__Output } from './dodil/ignite/v1/DenoRuntime.js';
import type { DigestTest as _dodil_ignite_v1_DigestTest, DigestTest__Output as _dodil_ignite_v1_DigestTest__Output } from './dodil/ignite/v1/DigestTest.js';
import type { DraftInfo as _dodil_ignite_v1_DraftInfo, DraftInfo__Output as _dodil_ignite_v1_DraftInfo__Output } from './dodil/ignite/v1/DraftInfo.js';
import type { EnvPatch as _dodil_ignite_v1_EnvPatch, EnvPatch__Output as _dodil_ignite_v1_EnvPatch__Output } from './dodil/ignite/v1/EnvPatch.js';
import type { GetAppLogsRequest as _dodil_ignite_v1_GetAppLogsRequest, GetAppLogsRequest__Output as _dodil_ignite_v1_GetAppLogsRequest__Output } from './dodil/ignite/v1/GetAppLogsRequest.js';
import type { GetAppLogsResponse as _dodil_ignite_v1_GetAppLogsResponse, GetAppLogsResponse__Output as _dodil_ignite_v1_GetAppLogsResponse__Output } from './dodil/ignite/v1/GetAppLogsResponse.js';
import type { GetAppRequest as _dodil_ignite_v1_GetAppRequest, GetAppRequest__Output as _dodil_ignite_v1_GetAppRequest__Output } from './dodil/ignite/v1/GetAppRequest.js';
import type { GetAppResponse as _dodil_ignite_v1_GetAppResponse, GetAppResponse__Output as _dodil_ignite_v1_GetAppResponse__Output } from './dodil/ignite/v1/GetAppResponse.js';
import type { GetAppStateRequest as _dodil_ignite_v1_GetAppStateRequest, GetAppStateRequest__Output as _dodil_ignite_v1_GetAppStateRequest__Output } from './dodil/ignite/v1/GetAppStateRequest.js';
import type { GetAppStateResponse as _dodil_ignite_v1_GetAppStateResponse, GetAppStateResponse__Output as _dodil_ignite_v1_GetAppStateResponse__Output } from './dodil/ignite/v1/GetAppStateResponse.js';
import type { GetAppVersionRequest as _dodil_ignite_v1_GetAppVersionRequest, GetAppVersionRequest__Output as _dodil_ignite_v1_GetAppVersionRequest__Output } from './dodil/ignite/v1/GetAppVersionRequest.js';
import type { GetAppVersionResponse as _dodil_ignite_v1_GetAppVersionResponse, GetAppVersionResponse__Output as _dodil_ignite_v1_GetAppVersionResponse__Output } from './dodil/ignite/v1/GetAppVersionResponse.js';
import type { GetDraftInfoRequest as _dodil_ignite_v1_GetDraftInfoRequest, GetDraftInfoRequest__Output as _dodil_ignite_v1_GetDraftInfoRequest__Output } from './dodil/ignite/v1/GetDraftInfoRequest.js';
import type { GetDraftInfoResponse as _dodil_ignite_v1_GetDraftInfoResponse, GetDraftInfoResponse__Output as _dodil_ignite_v1_GetDraftInfoResponse__Output } from './dodil/ignite/v1/GetDraftInfoResponse.js';
import type { GoRuntime as _dodil_ignite_v1_GoRuntime, GoRuntime__Output as _dodil_ignite_v1_GoRuntime__Output } from './dodil/ignite/v1/GoRuntime.js';
import type { HealthCheckRequest as _dodil_ignite_v1_HealthCheckRequest, HealthCheckRequest__Output as _dodil_ignite_v1_HealthCheckRequest__Output } from './dodil/ignite/v1/HealthCheckRequest.js';
import type { HealthCheckResponse as _dodil_ignite_v1_HealthCheckResponse, HealthCheckResponse__Output as _dodil_ignite_v1_HealthCheckResponse__Output } from './dodil/ignite/v1/HealthCheckResponse.js';
import type { HttpContext as _dodil_ignite_v1_HttpContext, HttpContext__Output as _dodil_ignite_v1_HttpContext__Output } from './dodil/ignite/v1/HttpContext.js';
import type { ImageFromCode as _dodil_ignite_v1_ImageFromCode, ImageFromCode__Output as _dodil_ignite_v1_ImageFromCode__Output } from './dodil/ignite/v1/ImageFromCode.js';
import type { ImageFromGit as _dodil_ignite_v1_ImageFromGit, ImageFromGit__Output as _dodil_ignite_v1_ImageFromGit__Output } from './dodil/ignite/v1/ImageFromGit.js';
import type { ImageSource as _dodil_ignite_v1_ImageSource, ImageSource__Output as _dodil_ignite_v1_ImageSource__Output } from './dodil/ignite/v1/ImageSource.js';
import type { InvokeHead as _dodil_ignite_v1_InvokeHead, InvokeHead__Output as _dodil_ignite_v1_InvokeHead__Output } from './dodil/ignite/v1/InvokeHead.js';
import type { InvokeRequest as _dodil_ignite_v1_InvokeRequest, InvokeRequest__Output as _dodil_ignite_v1_InvokeRequest__Output } from './dodil/ignite/v1/InvokeRequest.js';
import type { InvokeResponse as _dodil_ignite_v1_InvokeResponse, InvokeResponse__Output as _dodil_ignite_v1_InvokeResponse__Output } from './dodil/ignite/v1/InvokeResponse.js';
import type { InvokeTrailer as _dodil_ignite_v1_InvokeTrailer, InvokeTrailer__Output as _dodil_ignite_v1_InvokeTrailer__Output } from './dodil/ignite/v1/InvokeTrailer.js';
import type { ListAppVersionsRequest as _dodil_ignite_v1_ListAppVersionsRequest, ListAppVersionsRequest__Output as _dodil_ignite_v1_ListAppVersionsRequest__Output } from './dodil/ignite/v1/ListAppVersionsRequest.js';
import type { ListAppVersionsResponse as _dodil_ignite_v1_ListAppVersionsResponse, ListAppVersionsResponse__Output as _dodil_ignite_v1_ListAppVersionsResponse__Output } from './dodil/ignite/v1/ListAppVersionsResponse.js';
import type { ListAppsRequest as _dodil_ignite_v1_ListAppsRequest, ListAppsRequest__Output as _dodil_ignite_v1_ListAppsRequest__Output } from './dodil/ignite/v1/ListAppsRequest.js';
import type { ListAppsResponse as _dodil_ignite_v1_ListAppsResponse, ListAppsResponse__Output as _dodil_ignite_v1_ListAppsResponse__Output } from './dodil/ignite/v1/ListAppsResponse.js';
import type { PortList as _dodil_ignite_v1_PortList, PortList__Output as _dodil_ignite_v1_PortList__Output } from './dodil/ignite/v1/PortList.js';
import type { PrebuiltImage as _dodil_ignite_v1_PrebuiltImage, PrebuiltImage__Output as _dodil_ignite_v1_PrebuiltImage__Output } from './dodil/ignite/v1/PrebuiltImage.js';
import type { PublishDraftRequest as _dodil_ignite_v1_PublishDraftRequest, PublishDraftRequest__Output as _dodil_ignite_v1_PublishDraftRequest__Output } from './dodil/ignite/v1/PublishDraftRequest.js';
import type { PublishDraftResponse as _dodil_ignite_v1_PublishDraftResponse, PublishDraftResponse__Output as _dodil_ignite_v1_PublishDraftResponse__Output } from './dodil/ignite/v1/PublishDraftResponse.js';
import type { PythonRuntime as _dodil_ignite_v1_PythonRuntime, PythonRuntime__Output as _dodil_ignite_v1_PythonRuntime__Output } from './dodil/ignite/v1/PythonRuntime.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from './dodil/ignite/v1/ResourceLimits.js';
import type { RollbackAppRequest as _dodil_ignite_v1_RollbackAppRequest, RollbackAppRequest__Output as _dodil_ignite_v1_RollbackAppRequest__Output } from './dodil/ignite/v1/RollbackAppRequest.js';
import type { RollbackAppResponse as _dodil_ignite_v1_RollbackAppResponse, RollbackAppResponse__Output as _dodil_ignite_v1_RollbackAppResponse__Output } from './dodil/ignite/v1/RollbackAppResponse.js';
import type { Runtime as _dodil_ignite_v1_Runtime, Runtime__Output as _dodil_ignite_v1_Runtime__Output } from './dodil/ignite/v1/Runtime.js';
import type { RustRuntime as _dodil_ignite_v1_RustRuntime, RustRuntime__Output as _dodil_ignite_v1_RustRuntime__Output } from './dodil/ignite/v1/RustRuntime.js';
import type { SaveDraftRequest as _dodil_ignite_v1_SaveDraftRequest, SaveDraftRequest__Output as _dodil_ignite_v1_SaveDraftRequest__Output } from './dodil/ignite/v1/SaveDraftRequest.js';
import type { SaveDraftResponse as _dodil_ignite_v1_SaveDraftResponse, SaveDraftResponse__Output as _dodil_ignite_v1_SaveDraftResponse__Output } from './dodil/ignite/v1/SaveDraftResponse.js';
import type { ScalingConfig as _dodil_ignite_v1_ScalingConfig, ScalingConfig__Output as _dodil_ignite_v1_ScalingConfig__Output } from './dodil/ignite/v1/ScalingConfig.js';
import type { StreamAppLogsRequest as _dodil_ignite_v1_StreamAppLogsRequest, StreamAppLogsRequest__Output as _dodil_ignite_v1_StreamAppLogsRequest__Output } from './dodil/ignite/v1/StreamAppLogsRequest.js';
import type { StreamAppLogsResponse as _dodil_ignite_v1_StreamAppLogsResponse, StreamAppLogsResponse__Output as _dodil_ignite_v1_StreamAppLogsResponse__Output } from './dodil/ignite/v1/StreamAppLogsResponse.js';
import type { TestDraftRequest as _dodil_ignite_v1_TestDraftRequest, TestDraftRequest__Output as _dodil_ignite_v1_TestDraftRequest__Output } from './dodil/ignite/v1/TestDraftRequest.js';
import type { TestDraftResponse as _dodil_ignite_v1_TestDraftResponse, TestDraftResponse__Output as _dodil_ignite_v1_TestDraftResponse__Output } from './dodil/ignite/v1/TestDraftResponse.js';
import type { UpdateAppConfigRequest as _dodil_ignite_v1_UpdateAppConfigRequest, UpdateAppConfigRequest__Output as _dodil_ignite_v1_UpdateAppConfigRequest__Output } from './dodil/ignite/v1/UpdateAppConfigRequest.js';
import type { UpdateAppConfigResponse as _dodil_ignite_v1_UpdateAppConfigResponse, UpdateAppConfigResponse__Output as _dodil_ignite_v1_UpdateAppConfigResponse__Output } from './dodil/ignite/v1/UpdateAppConfigResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  dodil: {
    ignite: {
      v1: {
        AppInstance: MessageTypeDefinition<_dodil_ignite_v1_AppInstance, _dodil_ignite_v1_AppInstance__Output>
        AppLogFilter: MessageTypeDefinition<_dodil_ignite_v1_AppLogFilter, _dodil_ignite_v1_AppLogFilter__Output>
        AppLogLine: MessageTypeDefinition<_dodil_ignite_v1_AppLogLine, _dodil_ignite_v1_AppLogLine__Output>
        AppMeta: MessageTypeDefinition<_dodil_ignite_v1_AppMeta, _dodil_ignite_v1_AppMeta__Output>
        AppReadiness: EnumTypeDefinition
        AppVersionInfo: MessageTypeDefinition<_dodil_ignite_v1_AppVersionInfo, _dodil_ignite_v1_AppVersionInfo__Output>
        CodeKind: EnumTypeDefinition
        CodeSource: MessageTypeDefinition<_dodil_ignite_v1_CodeSource, _dodil_ignite_v1_CodeSource__Output>
        CompileSource: MessageTypeDefinition<_dodil_ignite_v1_CompileSource, _dodil_ignite_v1_CompileSource__Output>
        ComputeService: SubtypeConstructor<typeof grpc.Client, _dodil_ignite_v1_ComputeServiceClient> & { service: _dodil_ignite_v1_ComputeServiceDefinition }
        CreateAppRequest: MessageTypeDefinition<_dodil_ignite_v1_CreateAppRequest, _dodil_ignite_v1_CreateAppRequest__Output>
        CreateAppResponse: MessageTypeDefinition<_dodil_ignite_v1_CreateAppResponse, _dodil_ignite_v1_CreateAppResponse__Output>
        DeleteAppRequest: MessageTypeDefinition<_dodil_ignite_v1_DeleteAppRequest, _dodil_ignite_v1_DeleteAppRequest__Output>
        DeleteAppResponse: MessageTypeDefinition<_dodil_ignite_v1_DeleteAppResponse, _dodil_ignite_v1_DeleteAppResponse__Output>
        DenoRuntime: MessageTypeDefinition<_dodil_ignite_v1_DenoRuntime, _dodil_ignite_v1_DenoRuntime__Output>
        DeploymentMode: EnumTypeDefinition
        DeploymentState: EnumTypeDefinition
        DigestTest: MessageTypeDefinition<_dodil_ignite_v1_DigestTest, _dodil_ignite_v1_DigestTest__Output>
        DraftInfo: MessageTypeDefinition<_dodil_ignite_v1_DraftInfo, _dodil_ignite_v1_DraftInfo__Output>
        EnvPatch: MessageTypeDefinition<_dodil_ignite_v1_EnvPatch, _dodil_ignite_v1_EnvPatch__Output>
        ExecutionStatus: EnumTypeDefinition
        GetAppLogsRequest: MessageTypeDefinition<_dodil_ignite_v1_GetAppLogsRequest, _dodil_ignite_v1_GetAppLogsRequest__Output>
        GetAppLogsResponse: MessageTypeDefinition<_dodil_ignite_v1_GetAppLogsResponse, _dodil_ignite_v1_GetAppLogsResponse__Output>
        GetAppRequest: MessageTypeDefinition<_dodil_ignite_v1_GetAppRequest, _dodil_ignite_v1_GetAppRequest__Output>
        GetAppResponse: MessageTypeDefinition<_dodil_ignite_v1_GetAppResponse, _dodil_ignite_v1_GetAppResponse__Output>
        GetAppStateRequest: MessageTypeDefinition<_dodil_ignite_v1_GetAppStateRequest, _dodil_ignite_v1_GetAppStateRequest__Output>
        GetAppStateResponse: MessageTypeDefinition<_dodil_ignite_v1_GetAppStateResponse, _dodil_ignite_v1_GetAppStateResponse__Output>
        GetAppVersionRequest: MessageTypeDefinition<_dodil_ignite_v1_GetAppVersionRequest, _dodil_ignite_v1_GetAppVersionRequest__Output>
        GetAppVersionResponse: MessageTypeDefinition<_dodil_ignite_v1_GetAppVersionResponse, _dodil_ignite_v1_GetAppVersionResponse__Output>
        GetDraftInfoRequest: MessageTypeDefinition<_dodil_ignite_v1_GetDraftInfoRequest, _dodil_ignite_v1_GetDraftInfoRequest__Output>
        GetDraftInfoResponse: MessageTypeDefinition<_dodil_ignite_v1_GetDraftInfoResponse, _dodil_ignite_v1_GetDraftInfoResponse__Output>
        GoRuntime: MessageTypeDefinition<_dodil_ignite_v1_GoRuntime, _dodil_ignite_v1_GoRuntime__Output>
        HealthCheckRequest: MessageTypeDefinition<_dodil_ignite_v1_HealthCheckRequest, _dodil_ignite_v1_HealthCheckRequest__Output>
        HealthCheckResponse: MessageTypeDefinition<_dodil_ignite_v1_HealthCheckResponse, _dodil_ignite_v1_HealthCheckResponse__Output>
        HttpContext: MessageTypeDefinition<_dodil_ignite_v1_HttpContext, _dodil_ignite_v1_HttpContext__Output>
        ImageFromCode: MessageTypeDefinition<_dodil_ignite_v1_ImageFromCode, _dodil_ignite_v1_ImageFromCode__Output>
        ImageFromGit: MessageTypeDefinition<_dodil_ignite_v1_ImageFromGit, _dodil_ignite_v1_ImageFromGit__Output>
        ImageSource: MessageTypeDefinition<_dodil_ignite_v1_ImageSource, _dodil_ignite_v1_ImageSource__Output>
        InstanceState: EnumTypeDefinition
        InvokeHead: MessageTypeDefinition<_dodil_ignite_v1_InvokeHead, _dodil_ignite_v1_InvokeHead__Output>
        InvokeRequest: MessageTypeDefinition<_dodil_ignite_v1_InvokeRequest, _dodil_ignite_v1_InvokeRequest__Output>
        InvokeResponse: MessageTypeDefinition<_dodil_ignite_v1_InvokeResponse, _dodil_ignite_v1_InvokeResponse__Output>
        InvokeTrailer: MessageTypeDefinition<_dodil_ignite_v1_InvokeTrailer, _dodil_ignite_v1_InvokeTrailer__Output>
        ListAppVersionsRequest: MessageTypeDefinition<_dodil_ignite_v1_ListAppVersionsRequest, _dodil_ignite_v1_ListAppVersionsRequest__Output>
        ListAppVersionsResponse: MessageTypeDefinition<_dodil_ignite_v1_ListAppVersionsResponse, _dodil_ignite_v1_ListAppVersionsResponse__Output>
        ListAppsRequest: MessageTypeDefinition<_dodil_ignite_v1_ListAppsRequest, _dodil_ignite_v1_ListAppsRequest__Output>
        ListAppsResponse: MessageTypeDefinition<_dodil_ignite_v1_ListAppsResponse, _dodil_ignite_v1_ListAppsResponse__Output>
        PortList: MessageTypeDefinition<_dodil_ignite_v1_PortList, _dodil_ignite_v1_PortList__Output>
        PrebuiltImage: MessageTypeDefinition<_dodil_ignite_v1_PrebuiltImage, _dodil_ignite_v1_PrebuiltImage__Output>
        PublishDraftRequest: MessageTypeDefinition<_dodil_ignite_v1_PublishDraftRequest, _dodil_ignite_v1_PublishDraftRequest__Output>
        PublishDraftResponse: MessageTypeDefinition<_dodil_ignite_v1_PublishDraftResponse, _dodil_ignite_v1_PublishDraftResponse__Output>
        PythonRuntime: MessageTypeDefinition<_dodil_ignite_v1_PythonRuntime, _dodil_ignite_v1_PythonRuntime__Output>
        ResourceLimits: MessageTypeDefinition<_dodil_ignite_v1_ResourceLimits, _dodil_ignite_v1_ResourceLimits__Output>
        ResourceTier: EnumTypeDefinition
        RollbackAppRequest: MessageTypeDefinition<_dodil_ignite_v1_RollbackAppRequest, _dodil_ignite_v1_RollbackAppRequest__Output>
        RollbackAppResponse: MessageTypeDefinition<_dodil_ignite_v1_RollbackAppResponse, _dodil_ignite_v1_RollbackAppResponse__Output>
        Runtime: MessageTypeDefinition<_dodil_ignite_v1_Runtime, _dodil_ignite_v1_Runtime__Output>
        RustCompilationTarget: EnumTypeDefinition
        RustRuntime: MessageTypeDefinition<_dodil_ignite_v1_RustRuntime, _dodil_ignite_v1_RustRuntime__Output>
        SaveDraftRequest: MessageTypeDefinition<_dodil_ignite_v1_SaveDraftRequest, _dodil_ignite_v1_SaveDraftRequest__Output>
        SaveDraftResponse: MessageTypeDefinition<_dodil_ignite_v1_SaveDraftResponse, _dodil_ignite_v1_SaveDraftResponse__Output>
        ScaleMetric: EnumTypeDefinition
        ScalingConfig: MessageTypeDefinition<_dodil_ignite_v1_ScalingConfig, _dodil_ignite_v1_ScalingConfig__Output>
        StorageMode: EnumTypeDefinition
        StreamAppLogsRequest: MessageTypeDefinition<_dodil_ignite_v1_StreamAppLogsRequest, _dodil_ignite_v1_StreamAppLogsRequest__Output>
        StreamAppLogsResponse: MessageTypeDefinition<_dodil_ignite_v1_StreamAppLogsResponse, _dodil_ignite_v1_StreamAppLogsResponse__Output>
        TestDraftRequest: MessageTypeDefinition<_dodil_ignite_v1_TestDraftRequest, _dodil_ignite_v1_TestDraftRequest__Output>
        TestDraftResponse: MessageTypeDefinition<_dodil_ignite_v1_TestDraftResponse, _dodil_ignite_v1_TestDraftResponse__Output>
        UpdateAppConfigRequest: MessageTypeDefinition<_dodil_ignite_v1_UpdateAppConfigRequest, _dodil_ignite_v1_UpdateAppConfigRequest__Output>
        UpdateAppConfigResponse: MessageTypeDefinition<_dodil_ignite_v1_UpdateAppConfigResponse, _dodil_ignite_v1_UpdateAppConfigResponse__Output>
        VersionStatus: EnumTypeDefinition
      }
    }
  }
}

