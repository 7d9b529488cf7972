import type { ResourceLimits } from '../../contract/generated/dodil/ignite/v1/ResourceLimits.js';
import type { ResourceTier__Output } from '../../contract/generated/dodil/ignite/v1/ResourceTier.js';
import { invalidArgument } from '../rpc/errors.js';

export type Tier = Exclude<ResourceTier__Output, 'RESOURCE_TIER_UNSPECIFIED'>;

/**
 * What each tier applies. MEDIUM = 512 MB / 500 millicores is documented; SMALL, LARGE and XLARGE
 * are our own choice (halving and doubling around MEDIUM), as is the 300 s execution timeout.
 */
export const TIER_LIMITS: Readonly<Record<Tier, Required<Pick<ResourceLimits, 'memory_mb' | 'cpu_millicores'>>>> = Object.freeze({
  RESOURCE_TIER_SMALL: { memory_mb: 256, cpu_millicores: 250 },
  RESOURCE_TIER_MEDIUM: { memory_mb: 512, cpu_millicores: 500 },
  RESOURCE_TIER_LARGE: { memory_mb: 1024, cpu_millicores: 1000 },
  RESOURCE_TIER_XLARGE: { memory_mb: 2048, cpu_millicores: 2000 },
});

export const DEFAULT_TIER: Tier = 'RESOURCE_TIER_MEDIUM';
export const DEFAULT_TIMEOUT_SECS = 300;

/** Explicit limits that override the tier's, field by field; absent fields follow the tier. */
export interface LimitOverrides {
  memory_mb?: number;
  cpu_millicores?: number;
  timeout_secs?: number;
}

export interface AppliedLimits {
  memory_mb: number;
  cpu_millicores: number;
  timeout_secs: number;
}

/** The tier a request asks for; unspecified means the default tier. */
export function tierOf(requested: string | number | undefined): Tier {
  if (requested === undefined || requested === 'RESOURCE_TIER_UNSPECIFIED' || requested === 0) return DEFAULT_TIER;
  if (typeof requested === 'string' && requested in TIER_LIMITS) return requested as Tier;
  throw invalidArgument(`resource_tier ${String(requested)} is unknown; use one of ${Object.keys(TIER_LIMITS).join(', ')}`);
}

/** Non-zero fields of a request's limits, checked; zero means "not set" (proto3 has no presence here). */
export function limitOverridesOf(limits: ResourceLimits | null | undefined): LimitOverrides {
  const overrides: LimitOverrides = {};
  const bounded = (field: keyof LimitOverrides, value: number | undefined, max: number, unit: string) => {
    if (!value) return;
    if (value > max) throw invalidArgument(`limits.${field} ${value} is above the local maximum of ${max} ${unit}; check the unit`);
    overrides[field] = value;
  };
  bounded('memory_mb', limits?.memory_mb, 65_536, 'MB');
  bounded('cpu_millicores', limits?.cpu_millicores, 64_000, 'millicores');
  bounded('timeout_secs', limits?.timeout_secs, 86_400, 'seconds');
  return overrides;
}

export function appliedLimits(tier: Tier, overrides: LimitOverrides): AppliedLimits {
  return { ...TIER_LIMITS[tier], timeout_secs: DEFAULT_TIMEOUT_SECS, ...overrides };
}
