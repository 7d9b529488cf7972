import type * as grpc from '@grpc/grpc-js';
import type { ComputeServiceHandlers } from '../../contract/generated/dodil/ignite/v1/ComputeService.js';
import { AppRunner } from '../runner/app-runner.js';
import { appHandlers } from './app-handlers.js';
import { deleteApp } from './app-delete.js';
import { AppQueue } from './app-queue.js';
import { appState } from './app-state.js';
import { AppBook } from './apps.js';
import type { ComputeParts, ComputeDeps } from './parts.js';
import { scopeOf } from './parts.js';
import { DraftBuilds } from './draft-builds.js';
import { checkDraftSource, storeDraft } from './draft-save.js';
import { DraftBook, draftInfo } from './drafts.js';
import { invokeHandler } from './invoke.js';
import { paginate } from '../rpc/paginate.js';
import { Publisher } from './publish.js';
import { rollbackApp } from './rollback.js';
import { testDraft } from './test-draft.js';
import { unary } from '../rpc/handlers.js';
import { notFound } from '../rpc/errors.js';
import { VersionBook, versionInfo } from './versions.js';

/**
 * ComputeService for the local Ignite: apps, the draft slot, published versions and invocation.
 * Records live in the store and survive a restart; app processes do not, and are started again
 * on the first call that needs them.
 */
export function createComputeService(deps: ComputeDeps): { implementation: grpc.UntypedServiceImplementation; shutdown(): Promise<void> } {
  const log = deps.logger.child('compute');
  const drafts = new DraftBook(deps.store);
  const compute: ComputeParts = {
    deps,
    apps: new AppBook(deps.store),
    drafts,
    versions: new VersionBook(deps.store),
    draftBuilds: new DraftBuilds(deps.builds, drafts, log),
    runner: new AppRunner({
      store: deps.store,
      logger: deps.logger.child('app'),
      startTimeoutMs: deps.limits.appStartTimeoutMs,
      hostPath: deps.hostEnv.PATH ?? '',
      engine: deps.engine.container,
      engineLabels: deps.engine.labels,
    }),
    log,
  };
  // Publish, rollback and delete of one app run one at a time.
  const lifecycle = new AppQueue();
  const publisher = new Publisher(compute, lifecycle);

  const implementation: ComputeServiceHandlers = {
    ...appHandlers(compute),

    SaveDraft: unary((call) => {
      const { caller, org } = scopeOf(compute, call, call.request.organization_name);
      const app = compute.apps.require(org, call.request.app_name);
      const plan = checkDraftSource(compute, org, app.name, call.request.code);
      return { draft: draftInfo(storeDraft(compute, app, plan, caller)) };
    }),

    GetDraftInfo: unary((call) => {
      const { org } = scopeOf(compute, call, call.request.organization_name);
      const app = compute.apps.require(org, call.request.app_name);
      return { draft: draftInfo(compute.draftBuilds.refresh(compute.drafts.require(org, app.name))) };
    }),

    TestDraft: unary((call) => testDraft(compute, call)),

    PublishDraft: unary((call) => publisher.publish(call)),

    ListAppVersions: unary((call) => {
      const { org } = scopeOf(compute, call, call.request.organization_name);
      const app = compute.apps.require(org, call.request.app_name);
      // Zero-padded so the key order is the number order.
      const keyOf = (version: { version: number }) => String(version.version).padStart(10, '0');
      const page = paginate(compute.versions.ofApp(org, app.name), call.request, { keyOf });
      return { versions: page.items.map(versionInfo), next_cursor: page.next_cursor };
    }),

    GetAppVersion: unary((call) => {
      const { org } = scopeOf(compute, call, call.request.organization_name);
      const app = compute.apps.require(org, call.request.app_name);
      const version = compute.versions.get(org, app.name, call.request.version);
      if (!version) {
        const latest = compute.versions.latest(org, app.name);
        throw notFound(
          `version ${call.request.version} of app "${app.name}" not found; ${latest === 0 ? 'nothing is published yet' : `its versions are 1 to ${latest}`}`,
        );
      }
      return { version: versionInfo(version) };
    }),

    RollbackApp: unary((call) => rollbackApp(compute, lifecycle, call)),

    GetAppState: unary((call) => appState(compute, call)),

    DeleteApp: unary((call) => deleteApp(compute, lifecycle, call)),

    Invoke: invokeHandler(compute),

    HealthCheck: unary(() => ({ status: 'SERVING', version: 'local' })),
  };

  return {
    implementation,
    async shutdown() {
      compute.draftBuilds.shutdown();
      await compute.runner.shutdown();
    },
  };
}
