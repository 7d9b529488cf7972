import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { DenoRuntime as _dodil_ignite_v1_DenoRuntime, DenoRuntime__Output as _dodil_ignite_v1_DenoRuntime__Output } from './dodil/ignite/v1/DenoRuntime.js';
import type { GoRuntime as _dodil_ignite_v1_GoRuntime, GoRuntime__Output as _dodil_ignite_v1_GoRuntime__Output } from './dodil/ignite/v1/GoRuntime.js';
import type { HttpContext as _dodil_ignite_v1_HttpContext, HttpContext__Output as _dodil_ignite_v1_HttpContext__Output } from './dodil/ignite/v1/HttpContext.js';
import type { PythonRuntime as _dodil_ignite_v1_PythonRuntime, PythonRuntime__Output as _dodil_ignite_v1_PythonRuntime__Output } from './dodil/ignite/v1/PythonRuntime.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from './dodil/ignite/v1/ResourceLimits.js';
import type { Runtime as _dodil_ignite_v1_Runtime, Runtime__Output as _dodil_ignite_v1_Runtime__Output } from './dodil/ignite/v1/Runtime.js';
import type { RustRuntime as _dodil_ignite_v1_RustRuntime, RustRuntime__Output as _dodil_ignite_v1_RustRuntime__Output } from './dodil/ignite/v1/RustRuntime.js';
import type { ScalingConfig as _dodil_ignite_v1_ScalingConfig, ScalingConfig__Output as _dodil_ignite_v1_ScalingConfig__Output } from './dodil/ignite/v1/ScalingConfig.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  dodil: {
    ignite: {
      v1: {
        CodeKind: EnumTypeDefinition
        DenoRuntime: MessageTypeDefinition<_dodil_ignite_v1_DenoRuntime, _dodil_ignite_v1_DenoRuntime__Output>
        DeploymentMode: EnumTypeDefinition
        DeploymentState: EnumTypeDefinition
        ExecutionStatus: EnumTypeDefinition
        GoRuntime: MessageTypeDefinition<_dodil_ignite_v1_GoRuntime, _dodil_ignite_v1_GoRuntime__Output>
        HttpContext: MessageTypeDefinition<_dodil_ignite_v1_HttpContext, _dodil_ignite_v1_HttpContext__Output>
        PythonRuntime: MessageTypeDefinition<_dodil_ignite_v1_PythonRuntime, _dodil_ignite_v1_PythonRuntime__Output>
        ResourceLimits: MessageTypeDefinition<_dodil_ignite_v1_ResourceLimits, _dodil_ignite_v1_ResourceLimits__Output>
        ResourceTier: EnumTypeDefinition
        Runtime: MessageTypeDefinition<_dodil_ignite_v1_Runtime, _dodil_ignite_v1_Runtime__Output>
        RustCompilationTarget: EnumTypeDefinition
        RustRuntime: MessageTypeDefinition<_dodil_ignite_v1_RustRuntime, _dodil_ignite_v1_RustRuntime__Output>
        ScaleMetric: EnumTypeDefinition
        ScalingConfig: MessageTypeDefinition<_dodil_ignite_v1_ScalingConfig, _dodil_ignite_v1_ScalingConfig__Output>
        StorageMode: EnumTypeDefinition
        VersionStatus: EnumTypeDefinition
      }
    }
  }
}

