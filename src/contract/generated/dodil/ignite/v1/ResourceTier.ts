// Original file: proto/dodil/ignite/v1/ignite_common.proto

export const ResourceTier = {
  RESOURCE_TIER_UNSPECIFIED: 'RESOURCE_TIER_UNSPECIFIED',
  RESOURCE_TIER_SMALL: 'RESOURCE_TIER_SMALL',
  RESOURCE_TIER_MEDIUM: 'RESOURCE_TIER_MEDIUM',
  RESOURCE_TIER_LARGE: 'RESOURCE_TIER_LARGE',
  RESOURCE_TIER_XLARGE: 'RESOURCE_TIER_XLARGE',
} as const;

export type ResourceTier =
  | 'RESOURCE_TIER_UNSPECIFIED'
  | 0
  | 'RESOURCE_TIER_SMALL'
  | 1
  | 'RESOURCE_TIER_MEDIUM'
  | 2
  | 'RESOURCE_TIER_LARGE'
  | 3
  | 'RESOURCE_TIER_XLARGE'
  | 4

export type ResourceTier__Output = typeof ResourceTier[keyof typeof ResourceTier]
