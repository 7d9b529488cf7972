import type * as grpc from '@grpc/grpc-js';
import type { ComputeServiceHandlers } from '../../contract/generated/dodil/ignite/v1/ComputeService.js';
import { AppRunner } from '../runner/app-runner.js';
import { appHandlers } from './app-handlers.js';
import { AppBook } from './apps.js';
import type { ComputeContext, ComputeDeps } from './context.js';
import { scopeOf } from './context.js';
import { DraftBuilds } from './draft-builds.js';
import { checkDraftSource, storeDraft } from './draft-save.js';
import { DraftBook, draftInfo } from './drafts.js';
import { invokeHandler } from './invoke.js';
import { paginate } from '../rpc/paginate.js';
import { Publisher } from './publish.js';
import { testDraft } from './test-draft.js';
import { unary } from '../rpc/handlers.js';
import { VersionBook, versionInfo } from './versions.js';

/**
 * ComputeService for the local Ignite: apps, the draft slot, published versions and invocation.
 * Records live in the store and survive a restart; app processes do not, and are started again
 * on the first call that needs them.
 */
export function createComputeService(deps: ComputeDeps): { implementation: grpc.UntypedServiceImplementation; shutdown(): Promise<void> } {
  const log = deps.logger.child('compute');
  const drafts = new DraftBook(deps.store);
  const ctx: ComputeContext = {
    deps,
    apps: new AppBook(deps.store),
    drafts,
    versions: new VersionBook(deps.store),
    builds: new DraftBuilds(deps.engine, drafts, log),
    runner: new AppRunner({ store: deps.store, logger: deps.logger.child('app'), startTimeoutMs: deps.limits.appStartTimeoutMs }),
    log,
  };
  const publisher = new Publisher(ctx);

  const implementation: ComputeServiceHandlers = {
    ...appHandlers(ctx),

    SaveDraft: unary((call) => {
      const { caller, org } = scopeOf(ctx, call, call.request.organization_name);
      const app = ctx.apps.require(org, call.request.app_name);
      const plan = checkDraftSource(ctx, org, app.name, call.request.code);
      return { draft: draftInfo(storeDraft(ctx, app, plan, caller)) };
    }),

    GetDraftInfo: unary((call) => {
      const { org } = scopeOf(ctx, call, call.request.organization_name);
      const app = ctx.apps.require(org, call.request.app_name);
      return { draft: draftInfo(ctx.builds.refresh(ctx.drafts.require(org, app.name))) };
    }),

    TestDraft: unary((call) => testDraft(ctx, call)),

    PublishDraft: unary((call) => publisher.publish(call)),

    ListAppVersions: unary((call) => {
      const { org } = scopeOf(ctx, call, call.request.organization_name);
      const app = ctx.apps.require(org, call.request.app_name);
      // Zero-padded so the key order is the number order.
      const keyOf = (version: { version: number }) => String(version.version).padStart(10, '0');
      const page = paginate(ctx.versions.list(org, app.name), call.request, { keyOf });
      return { versions: page.items.map(versionInfo), next_cursor: page.next_cursor };
    }),

    Invoke: invokeHandler(ctx),

    HealthCheck: unary(() => ({ status: 'SERVING', version: 'local' })),
  };

  return {
    implementation,
    async shutdown() {
      ctx.builds.shutdown();
      await ctx.runner.shutdown();
    },
  };
}
