// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { DeploymentState as _dodil_ignite_v1_DeploymentState, DeploymentState__Output as _dodil_ignite_v1_DeploymentState__Output } from '../../../dodil/ignite/v1/DeploymentState.js';
import type { ResourceTier as _dodil_ignite_v1_ResourceTier, ResourceTier__Output as _dodil_ignite_v1_ResourceTier__Output } from '../../../dodil/ignite/v1/ResourceTier.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from '../../../dodil/ignite/v1/ResourceLimits.js';
import type { AppMeta as _dodil_ignite_v1_AppMeta, AppMeta__Output as _dodil_ignite_v1_AppMeta__Output } from '../../../dodil/ignite/v1/AppMeta.js';

export interface CreateAppResponse {
  'app_id'?: (string);
  'deployment_state'?: (_dodil_ignite_v1_DeploymentState);
  'applied_tier'?: (_dodil_ignite_v1_ResourceTier);
  'applied_limits'?: (_dodil_ignite_v1_ResourceLimits | null);
  'app'?: (_dodil_ignite_v1_AppMeta | null);
}

export interface CreateAppResponse__Output {
  'app_id': (string);
  'deployment_state': (_dodil_ignite_v1_DeploymentState__Output);
  'applied_tier': (_dodil_ignite_v1_ResourceTier__Output);
  'applied_limits': (_dodil_ignite_v1_ResourceLimits__Output | null);
  'app': (_dodil_ignite_v1_AppMeta__Output | null);
}
