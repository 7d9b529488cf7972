// Original file: proto/dodil/ignite/v1/ignite_compute.proto

import type { ResourceTier as _dodil_ignite_v1_ResourceTier, ResourceTier__Output as _dodil_ignite_v1_ResourceTier__Output } from '../../../dodil/ignite/v1/ResourceTier.js';
import type { CodeSource as _dodil_ignite_v1_CodeSource, CodeSource__Output as _dodil_ignite_v1_CodeSource__Output } from '../../../dodil/ignite/v1/CodeSource.js';
import type { ResourceLimits as _dodil_ignite_v1_ResourceLimits, ResourceLimits__Output as _dodil_ignite_v1_ResourceLimits__Output } from '../../../dodil/ignite/v1/ResourceLimits.js';

export interface CreateAppRequest {
  'organization_name'?: (string);
  'name'?: (string);
  'resource_tier'?: (_dodil_ignite_v1_ResourceTier);
  'description'?: (string);
  'env'?: ({[key: string]: string});
  'code'?: (_dodil_ignite_v1_CodeSource | null);
  'ports'?: (number)[];
  'health_path'?: (string);
  'limits'?: (_dodil_ignite_v1_ResourceLimits | null);
}

export interface CreateAppRequest__Output {
  'organization_name': (string);
  'name': (string);
  'resource_tier': (_dodil_ignite_v1_ResourceTier__Output);
  'description': (string);
  'env': ({[key: string]: string});
  'code': (_dodil_ignite_v1_CodeSource__Output | null);
  'ports': (number)[];
  'health_path': (string);
  'limits': (_dodil_ignite_v1_ResourceLimits__Output | null);
}
