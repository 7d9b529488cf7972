import type * as grpc from '@grpc/grpc-js';
import type { RollbackAppRequest__Output } from '../../contract/generated/dodil/ignite/v1/RollbackAppRequest.js';
import type { RollbackAppResponse } from '../../contract/generated/dodil/ignite/v1/RollbackAppResponse.js';
import { failedPrecondition, invalidArgument, notFound } from '../rpc/errors.js';
import type { AppQueue } from './app-queue.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { saveApp } from './publish.js';
import { slotOf, versionRunTarget } from './run-targets.js';
import { versionInfo } from './versions.js';

/**
 * RollbackApp only moves active_version back to an earlier version; nothing is rewritten
 * (docs/ignite-api.md §6.1). Traffic switches as PublishDraft switches it: the earlier version's
 * process must pass its health check before it becomes active, and only then does the version it
 * replaces stop. A version that cannot run leaves everything as it was.
 */
export function rollbackApp(
  compute: ComputeParts,
  queue: AppQueue,
  call: grpc.ServerUnaryCall<RollbackAppRequest__Output, RollbackAppResponse>,
): Promise<RollbackAppResponse> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  const number = call.request.version;
  if (!number) throw invalidArgument('version is required: the number of an earlier version to make active again (see ListAppVersions)');
  return queue.run(org, app.name, () => rollbackNow(compute, org, app.name, number));
}

async function rollbackNow(compute: ComputeParts, org: string, name: string, number: number): Promise<RollbackAppResponse> {
  const app = compute.apps.require(org, name);
  const target = compute.versions.get(org, name, number);
  if (!target) {
    const latest = compute.versions.latest(org, name);
    throw notFound(
      `version ${number} of app "${name}" not found; ${latest === 0 ? 'the app has no published versions' : `its versions are 1 to ${latest}`} (ListAppVersions)`,
    );
  }
  const active = app.active_version;
  if (active === 0) throw failedPrecondition(`app "${name}" has no active version to roll back from`);
  if (number === active) throw failedPrecondition(`version ${number} is already the active version of app "${name}"; nothing to roll back`);
  if (number > active) {
    throw failedPrecondition(
      `version ${number} is newer than the active version ${active}: RollbackApp only moves back to an earlier version. ` +
        `To serve version ${number} again, save a draft with its image (${target.image_ref}@${target.image_digest}) and publish it`,
    );
  }
  // Throws FAILED_PRECONDITION (image gone, secret missing, health check failed) before anything moves.
  await compute.runner.ensure(versionRunTarget(compute, app, target));
  const restored = { ...target, status: 'VERSION_STATUS_ACTIVE' as const };
  compute.versions.put(restored);
  const previous = compute.versions.get(org, name, active);
  if (previous) compute.versions.put({ ...previous, status: 'VERSION_STATUS_SUPERSEDED' });
  saveApp(compute, org, name, { active_version: number, deployment_state: 'DEPLOYMENT_STATE_ACTIVE' });
  await compute.runner.stop(slotOf(app, active));
  compute.log.info('app rolled back', { app: `${org}/${name}`, from: active, to: number });
  return { previous_version: active, version_info: versionInfo(restored) };
}
