// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { PortList as _dodil_ignite_v1_PortList, PortList__Output as _dodil_ignite_v1_PortList__Output } from '../../../dodil/ignite/v1/PortList.js';
import type { ResourceTier as _dodil_ignite_v1_ResourceTier, ResourceTier__Output as _dodil_ignite_v1_ResourceTier__Output } from '../../../dodil/ignite/v1/ResourceTier.js';
import type { EnvPatch as _dodil_ignite_v1_EnvPatch, EnvPatch__Output as _dodil_ignite_v1_EnvPatch__Output } from '../../../dodil/ignite/v1/EnvPatch.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from '../../../dodil/ignite/v1/ResourceLimits.js';

export interface UpdateAppConfigRequest {
  'organization_name'?: (string);
  'app_name'?: (string);
  'ports'?: (_dodil_ignite_v1_PortList | null);
  'health_path'?: (string);
  'description'?: (string);
  'resource_tier'?: (_dodil_ignite_v1_ResourceTier);
  'env'?: (_dodil_ignite_v1_EnvPatch | null);
  'limits'?: (_dodil_ignite_v1_ResourceLimits | null);
  '_health_path'?: "health_path";
  '_description'?: "description";
  '_resource_tier'?: "resource_tier";
}

export interface UpdateAppConfigRequest__Output {
  'organization_name': (string);
  'app_name': (string);
  'ports': (_dodil_ignite_v1_PortList__Output | null);
  'health_path'?: (string);
  'description'?: (string);
  'resource_tier'?: (_dodil_ignite_v1_ResourceTier__Output);
  'env': (_dodil_ignite_v1_EnvPatch__Output | null);
  'limits': (_dodil_ignite_v1_ResourceLimits__Output | null);
  '_health_path'?: "health_path";
  '_description'?: "description";
  '_resource_tier'?: "resource_tier";
}
