import type { ComputeServiceHandlers } from '../../contract/generated/dodil/ignite/v1/ComputeService.js';
import { alreadyExists, invalidArgument } from '../rpc/errors.js';
import { DEFAULT_HEALTH_PATH, applyEnvPatch, checkAppName, checkEnv, checkHealthPath, checkPorts } from './app-config.js';
import { appMeta, type AppRecord } from './apps.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { checkDraftSource, storeDraft } from './draft-save.js';
import { paginate } from '../rpc/paginate.js';
import { appliedLimits, limitOverridesOf, tierOf } from './tiers.js';
import { unary } from '../rpc/handlers.js';

type AppHandlers = Pick<ComputeServiceHandlers, 'CreateApp' | 'GetApp' | 'ListApps' | 'UpdateAppConfig'>;

/** The app RPCs: metadata only, except CreateApp's optional `code`, which saves a draft as SaveDraft would. */
export function appHandlers(compute: ComputeParts): AppHandlers {
  return {
    CreateApp: unary((call) => {
      const request = call.request;
      const { caller, org } = scopeOf(compute, call, request.organization_name);
      const name = checkAppName(request.name);
      if (compute.apps.get(org, name))
        throw alreadyExists(`app "${name}" already exists in organization "${org}"; change it with UpdateAppConfig or SaveDraft`);
      const tier = tierOf(request.resource_tier);
      const limit_overrides = limitOverridesOf(request.limits);
      const now = Date.now();
      const app: AppRecord = {
        organization_name: org,
        name,
        description: request.description,
        env: checkEnv(request.env),
        resource_tier: tier,
        limit_overrides,
        ports: checkPorts(request.ports),
        health_path: request.health_path ? checkHealthPath(request.health_path) : DEFAULT_HEALTH_PATH,
        deployment_state: 'DEPLOYMENT_STATE_CREATED',
        deployment_mode: 'DEPLOYMENT_MODE_UNSPECIFIED',
        active_version: 0,
        created_at_ms: now,
        updated_at_ms: now,
      };
      // The source is checked before the app exists, so a bad `code` creates nothing.
      const plan = request.code ? checkDraftSource(compute, org, name, request.code) : undefined;
      compute.apps.put(app);
      if (plan) {
        try {
          storeDraft(compute, app, plan, caller);
        } catch (err) {
          compute.apps.delete(org, name);
          throw err;
        }
      }
      compute.log.info('app created', { app: `${org}/${name}`, tier });
      const stored = compute.apps.require(org, name);
      return {
        app_id: `${org}/${name}`,
        deployment_state: stored.deployment_state,
        applied_tier: tier,
        applied_limits: appliedLimits(tier, limit_overrides),
        app: appMeta(stored, compute.deps.engine.name),
      };
    }),

    GetApp: unary((call) => {
      const { org } = scopeOf(compute, call, call.request.organization_name);
      return { app: appMeta(compute.apps.require(org, call.request.app_name), compute.deps.engine.name) };
    }),

    ListApps: unary((call) => {
      const { org } = scopeOf(compute, call, call.request.organization_name);
      const page = paginate(compute.apps.list(org), call.request, { keyOf: (app) => app.name });
      return { apps: page.items.map((app) => appMeta(app, compute.deps.engine.name)), next_cursor: page.next_cursor };
    }),

    UpdateAppConfig: unary((call) => {
      const request = call.request;
      const { org } = scopeOf(compute, call, request.organization_name);
      const app = compute.apps.require(org, request.app_name);
      const next: AppRecord = { ...app };
      let changed = false;
      if (request.ports) [next.ports, changed] = [checkPorts(request.ports.ports), true];
      if (request.health_path !== undefined) [next.health_path, changed] = [checkHealthPath(request.health_path), true];
      if (request.description !== undefined) [next.description, changed] = [request.description, true];
      if (request.resource_tier !== undefined) [next.resource_tier, changed] = [tierOf(request.resource_tier), true];
      if (request.env) [next.env, changed] = [applyEnvPatch(app.env, request.env), true];
      if (request.limits) [next.limit_overrides, changed] = [{ ...app.limit_overrides, ...limitOverridesOf(request.limits) }, true];
      if (!changed) {
        throw invalidArgument(
          'nothing to update: set at least one of ports, health_path, description, resource_tier, env or limits (fields use snake_case names)',
        );
      }
      next.updated_at_ms = Date.now();
      compute.apps.put(next);
      compute.log.info('app config updated', { app: `${org}/${app.name}` });
      return { app: appMeta(next, compute.deps.engine.name) };
    }),
  };
}
