import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Build as _dodil_ignite_v1_Build, Build__Output as _dodil_ignite_v1_Build__Output } from './dodil/ignite/v1/Build.js';
import type { BuildLogLine as _dodil_ignite_v1_BuildLogLine, BuildLogLine__Output as _dodil_ignite_v1_BuildLogLine__Output } from './dodil/ignite/v1/BuildLogLine.js';
import type { BuildServiceClient as _dodil_ignite_v1_BuildServiceClient, BuildServiceDefinition as _dodil_ignite_v1_BuildServiceDefinition } from './dodil/ignite/v1/BuildService.js';
import type { BuildStatusEvent as _dodil_ignite_v1_BuildStatusEvent, BuildStatusEvent__Output as _dodil_ignite_v1_BuildStatusEvent__Output } from './dodil/ignite/v1/BuildStatusEvent.js';
import type { CancelBuildRequest as _dodil_ignite_v1_CancelBuildRequest, CancelBuildRequest__Output as _dodil_ignite_v1_CancelBuildRequest__Output } from './dodil/ignite/v1/CancelBuildRequest.js';
import type { CancelBuildResponse as _dodil_ignite_v1_CancelBuildResponse, CancelBuildResponse__Output as _dodil_ignite_v1_CancelBuildResponse__Output } from './dodil/ignite/v1/CancelBuildResponse.js';
import type { CreateBuildRequest as _dodil_ignite_v1_CreateBuildRequest, CreateBuildRequest__Output as _dodil_ignite_v1_CreateBuildRequest__Output } from './dodil/ignite/v1/CreateBuildRequest.js';
import type { CreateBuildResponse as _dodil_ignite_v1_CreateBuildResponse, CreateBuildResponse__Output as _dodil_ignite_v1_CreateBuildResponse__Output } from './dodil/ignite/v1/CreateBuildResponse.js';
import type { GetBuildRequest as _dodil_ignite_v1_GetBuildRequest, GetBuildRequest__Output as _dodil_ignite_v1_GetBuildRequest__Output } from './dodil/ignite/v1/GetBuildRequest.js';
import type { GetBuildResponse as _dodil_ignite_v1_GetBuildResponse, GetBuildResponse__Output as _dodil_ignite_v1_GetBuildResponse__Output } from './dodil/ignite/v1/GetBuildResponse.js';
import type { GitCredentials as _dodil_ignite_v1_GitCredentials, GitCredentials__Output as _dodil_ignite_v1_GitCredentials__Output } from './dodil/ignite/v1/GitCredentials.js';
import type { GitSource as _dodil_ignite_v1_GitSource, GitSource__Output as _dodil_ignite_v1_GitSource__Output } from './dodil/ignite/v1/GitSource.js';
import type { ListBuildsRequest as _dodil_ignite_v1_ListBuildsRequest, ListBuildsRequest__Output as _dodil_ignite_v1_ListBuildsRequest__Output } from './dodil/ignite/v1/ListBuildsRequest.js';
import type { ListBuildsResponse as _dodil_ignite_v1_ListBuildsResponse, ListBuildsResponse__Output as _dodil_ignite_v1_ListBuildsResponse__Output } from './dodil/ignite/v1/ListBuildsResponse.js';
import type { SaveBuildSecretsRequest as _dodil_ignite_v1_SaveBuildSecretsRequest, SaveBuildSecretsRequest__Output as _dodil_ignite_v1_SaveBuildSecretsRequest__Output } from './dodil/ignite/v1/SaveBuildSecretsRequest.js';
import type { SaveBuildSecretsResponse as _dodil_ignite_v1_SaveBuildSecretsResponse, SaveBuildSecretsResponse__Output as _dodil_ignite_v1_SaveBuildSecretsResponse__Output } from './dodil/ignite/v1/SaveBuildSecretsResponse.js';
import type { StreamBuildLogsRequest as _dodil_ignite_v1_StreamBuildLogsRequest, StreamBuildLogsRequest__Output as _dodil_ignite_v1_StreamBuildLogsRequest__Output } from './dodil/ignite/v1/StreamBuildLogsRequest.js';
import type { StreamBuildLogsResponse as _dodil_ignite_v1_StreamBuildLogsResponse, StreamBuildLogsResponse__Output as _dodil_ignite_v1_StreamBuildLogsResponse__Output } from './dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { UploadBuildContextMetadata as _dodil_ignite_v1_UploadBuildContextMetadata, UploadBuildContextMetadata__Output as _dodil_ignite_v1_UploadBuildContextMetadata__Output } from './dodil/ignite/v1/UploadBuildContextMetadata.js';
import type { UploadBuildContextRequest as _dodil_ignite_v1_UploadBuildContextRequest, UploadBuildContextRequest__Output as _dodil_ignite_v1_UploadBuildContextRequest__Output } from './dodil/ignite/v1/UploadBuildContextRequest.js';
import type { UploadBuildContextResponse as _dodil_ignite_v1_UploadBuildContextResponse, UploadBuildContextResponse__Output as _dodil_ignite_v1_UploadBuildContextResponse__Output } from './dodil/ignite/v1/UploadBuildContextResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  dodil: {
    ignite: {
      v1: {
        Build: MessageTypeDefinition<_dodil_ignite_v1_Build, _dodil_ignite_v1_Build__Output>
        BuildLogLine: MessageTypeDefinition<_dodil_ignite_v1_BuildLogLine, _dodil_ignite_v1_BuildLogLine__Output>
        BuildService: SubtypeConstructor<typeof grpc.Client, _dodil_ignite_v1_BuildServiceClient> & { service: _dodil_ignite_v1_BuildServiceDefinition }
        BuildStatus: EnumTypeDefinition
        BuildStatusEvent: MessageTypeDefinition<_dodil_ignite_v1_BuildStatusEvent, _dodil_ignite_v1_BuildStatusEvent__Output>
        CancelBuildRequest: MessageTypeDefinition<_dodil_ignite_v1_CancelBuildRequest, _dodil_ignite_v1_CancelBuildRequest__Output>
        CancelBuildResponse: MessageTypeDefinition<_dodil_ignite_v1_CancelBuildResponse, _dodil_ignite_v1_CancelBuildResponse__Output>
        CreateBuildRequest: MessageTypeDefinition<_dodil_ignite_v1_CreateBuildRequest, _dodil_ignite_v1_CreateBuildRequest__Output>
        CreateBuildResponse: MessageTypeDefinition<_dodil_ignite_v1_CreateBuildResponse, _dodil_ignite_v1_CreateBuildResponse__Output>
        GetBuildRequest: MessageTypeDefinition<_dodil_ignite_v1_GetBuildRequest, _dodil_ignite_v1_GetBuildRequest__Output>
        GetBuildResponse: MessageTypeDefinition<_dodil_ignite_v1_GetBuildResponse, _dodil_ignite_v1_GetBuildResponse__Output>
        GitCredentials: MessageTypeDefinition<_dodil_ignite_v1_GitCredentials, _dodil_ignite_v1_GitCredentials__Output>
        GitSource: MessageTypeDefinition<_dodil_ignite_v1_GitSource, _dodil_ignite_v1_GitSource__Output>
        ListBuildsRequest: MessageTypeDefinition<_dodil_ignite_v1_ListBuildsRequest, _dodil_ignite_v1_ListBuildsRequest__Output>
        ListBuildsResponse: MessageTypeDefinition<_dodil_ignite_v1_ListBuildsResponse, _dodil_ignite_v1_ListBuildsResponse__Output>
        SaveBuildSecretsRequest: MessageTypeDefinition<_dodil_ignite_v1_SaveBuildSecretsRequest, _dodil_ignite_v1_SaveBuildSecretsRequest__Output>
        SaveBuildSecretsResponse: MessageTypeDefinition<_dodil_ignite_v1_SaveBuildSecretsResponse, _dodil_ignite_v1_SaveBuildSecretsResponse__Output>
        StreamBuildLogsRequest: MessageTypeDefinition<_dodil_ignite_v1_StreamBuildLogsRequest, _dodil_ignite_v1_StreamBuildLogsRequest__Output>
        StreamBuildLogsResponse: MessageTypeDefinition<_dodil_ignite_v1_StreamBuildLogsResponse, _dodil_ignite_v1_StreamBuildLogsResponse__Output>
        UploadBuildContextMetadata: MessageTypeDefinition<_dodil_ignite_v1_UploadBuildContextMetadata, _dodil_ignite_v1_UploadBuildContextMetadata__Output>
        UploadBuildContextRequest: MessageTypeDefinition<_dodil_ignite_v1_UploadBuildContextRequest, _dodil_ignite_v1_UploadBuildContextRequest__Output>
        UploadBuildContextResponse: MessageTypeDefinition<_dodil_ignite_v1_UploadBuildContextResponse, _dodil_ignite_v1_UploadBuildContextResponse__Output>
      }
    }
  }
}

