// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { Runtime as _dodil_ignite_v1_Runtime, Runtime__Output as _dodil_ignite_v1_Runtime__Output } from '../../../dodil/ignite/v1/Runtime.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from '../../../dodil/ignite/v1/ResourceLimits.js';
import type { ResourceTier as _dodil_ignite_v1_ResourceTier, ResourceTier__Output as _dodil_ignite_v1_ResourceTier__Output } from '../../../dodil/ignite/v1/ResourceTier.js';
import type { ScalingConfig as _dodil_ignite_v1_ScalingConfig, ScalingConfig__Output as _dodil_ignite_v1_ScalingConfig__Output } from '../../../dodil/ignite/v1/ScalingConfig.js';
import type { StorageMode as _dodil_ignite_v1_StorageMode, StorageMode__Output as _dodil_ignite_v1_StorageMode__Output } from '../../../dodil/ignite/v1/StorageMode.js';
import type { DeploymentState as _dodil_ignite_v1_DeploymentState, DeploymentState__Output as _dodil_ignite_v1_DeploymentState__Output } from '../../../dodil/ignite/v1/DeploymentState.js';
import type { DeploymentMode as _dodil_ignite_v1_DeploymentMode, DeploymentMode__Output as _dodil_ignite_v1_DeploymentMode__Output } from '../../../dodil/ignite/v1/DeploymentMode.js';
import type { Long } from '@grpc/proto-loader';

export interface AppMeta {
  'id'?: (string);
  'name'?: (string);
  'runtime'?: (_dodil_ignite_v1_Runtime | null);
  'limits'?: (_dodil_ignite_v1_ResourceLimits | null);
  'env'?: ({[key: string]: string});
  'resource_tier'?: (_dodil_ignite_v1_ResourceTier);
  'scaling'?: (_dodil_ignite_v1_ScalingConfig | null);
  'storage_mode'?: (_dodil_ignite_v1_StorageMode);
  'deployment_state'?: (_dodil_ignite_v1_DeploymentState);
  'version'?: (number);
  'organization_name'?: (string);
  'active_version'?: (number);
  'description'?: (string);
  'input_schema'?: (string);
  'output_schema'?: (string);
  'mcp_enabled'?: (boolean);
  'max_concurrency'?: (number);
  'deployment_mode'?: (_dodil_ignite_v1_DeploymentMode);
  'ports'?: (number)[];
  'health_path'?: (string);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'engine'?: (string);
}

export interface AppMeta__Output {
  'id': (string);
  'name': (string);
  'runtime': (_dodil_ignite_v1_Runtime__Output | null);
  'limits': (_dodil_ignite_v1_ResourceLimits__Output | null);
  'env': ({[key: string]: string});
  'resource_tier': (_dodil_ignite_v1_ResourceTier__Output);
  'scaling': (_dodil_ignite_v1_ScalingConfig__Output | null);
  'storage_mode': (_dodil_ignite_v1_StorageMode__Output);
  'deployment_state': (_dodil_ignite_v1_DeploymentState__Output);
  'version': (number);
  'organization_name': (string);
  'active_version': (number);
  'description': (string);
  'input_schema': (string);
  'output_schema': (string);
  'mcp_enabled': (boolean);
  'max_concurrency': (number);
  'deployment_mode': (_dodil_ignite_v1_DeploymentMode__Output);
  'ports': (number)[];
  'health_path': (string);
  'created_at_ms': (string);
  'updated_at_ms': (string);
  'engine': (string);
}
