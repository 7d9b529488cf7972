import type * as grpc from '@grpc/grpc-js';
import type { DeleteAppRequest__Output } from '../../contract/generated/dodil/ignite/v1/DeleteAppRequest.js';
import type { DeleteAppResponse } from '../../contract/generated/dodil/ignite/v1/DeleteAppResponse.js';
import type { AppQueue } from './app-queue.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { slotOf } from './run-targets.js';

/**
 * DeleteApp removes the app with its draft and versions and stops every process it runs. The
 * records go first, so calls arriving meanwhile get NOT_FOUND instead of starting a process; a
 * draft image build still running is cancelled. Images stay in the registry: they belong to builds.
 */
export function deleteApp(
  compute: ComputeParts,
  queue: AppQueue,
  call: grpc.ServerUnaryCall<DeleteAppRequest__Output, DeleteAppResponse>,
): Promise<DeleteAppResponse> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  return queue.run(org, app.name, async () => {
    const current = compute.apps.require(org, app.name);
    const versions = compute.versions.ofApp(org, current.name);
    const draft = compute.drafts.get(org, current.name);
    const building = draft ? compute.draftBuilds.pending(draft) : undefined;
    for (const version of versions) compute.versions.delete(org, current.name, version.version);
    const draftDeleted = compute.drafts.delete(org, current.name);
    compute.apps.delete(org, current.name);
    if (building) compute.deps.builds.cancel(building.build_id, org);
    const slots = [slotOf(current, 'draft'), ...versions.map((version) => slotOf(current, version.version))];
    const running = slots.filter((slot) => compute.runner.running(slot));
    await Promise.all(slots.map((slot) => compute.runner.stop(slot)));
    // Ignite keeps no app logs past its pods; a new app of the same name starts with an empty log.
    await compute.runner.appLogs.remove(org, current.name);
    compute.log.info('app deleted', { app: `${org}/${current.name}`, versions: versions.length, stopped: running.length });
    return {
      versions_deleted: versions.length,
      draft_deleted: draftDeleted,
      instances_stopped: running.length,
      cancelled_build_id: building?.build_id ?? '',
    };
  });
}
