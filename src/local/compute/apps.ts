import type { AppMeta } from '../../contract/generated/dodil/ignite/v1/AppMeta.js';
import type { DeploymentMode__Output } from '../../contract/generated/dodil/ignite/v1/DeploymentMode.js';
import type { DeploymentState__Output } from '../../contract/generated/dodil/ignite/v1/DeploymentState.js';
import { invalidArgument, notFound } from '../rpc/errors.js';
import { RecordBook } from '../record-book.js';
import type { LocalStore } from '../store.js';
import { appliedLimits, type LimitOverrides, type Tier } from './tiers.js';

/** An app as the local Ignite stores it. */
export interface AppRecord {
  organization_name: string;
  name: string;
  description: string;
  env: Record<string, string>;
  resource_tier: Tier;
  limit_overrides: LimitOverrides;
  /** Container ports as the caller set them; empty means the default port. */
  ports: number[];
  health_path: string;
  deployment_state: DeploymentState__Output;
  deployment_mode: DeploymentMode__Output;
  /** 0 while nothing is published. */
  active_version: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export function appId(organization: string, name: string): string {
  return `${organization}/${name}`;
}

/** Apps in the store, by organization and name. */
export class AppBook extends RecordBook<AppRecord, [organization: string, name: string]> {
  constructor(store: LocalStore) {
    super(store, 'apps', (app) => [app.organization_name, app.name]);
  }

  /** The app, or NOT_FOUND naming it and saying how to make it. */
  require(organization: string, name: string): AppRecord {
    if (!name) throw invalidArgument('app_name is required: the name of the app to act on');
    const app = this.get(organization, name);
    if (!app) {
      throw notFound(`app "${name}" not found in organization "${organization}"; create it with ComputeService.CreateApp`);
    }
    return app;
  }
}

/** The app as AppMeta; `engine` is what runs its versions here (a server-wide choice, so not stored with the app). */
export function appMeta(app: AppRecord, engine: string): AppMeta {
  return {
    id: appId(app.organization_name, app.name),
    name: app.name,
    organization_name: app.organization_name,
    description: app.description,
    env: app.env,
    resource_tier: app.resource_tier,
    limits: appliedLimits(app.resource_tier, app.limit_overrides),
    ports: app.ports,
    health_path: app.health_path,
    deployment_state: app.deployment_state,
    deployment_mode: app.deployment_mode,
    version: app.active_version,
    active_version: app.active_version,
    created_at_ms: String(app.created_at_ms),
    updated_at_ms: String(app.updated_at_ms),
    engine,
  };
}
