import type * as grpc from '@grpc/grpc-js';
import type { PublishDraftRequest__Output } from '../../contract/generated/dodil/ignite/v1/PublishDraftRequest.js';
import type { PublishDraftResponse } from '../../contract/generated/dodil/ignite/v1/PublishDraftResponse.js';
import { failedPrecondition } from '../rpc/errors.js';
import type { AppQueue } from './app-queue.js';
import type { AppRecord } from './apps.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { draftRunTarget, slotOf } from './run-targets.js';
import { versionInfo, type VersionRecord } from './versions.js';

/**
 * PublishDraft freezes the draft into version N+1 and switches traffic to it the way a rolling
 * deploy does: the new version's process must pass its health check before it becomes active,
 * and only then is the previous version's process stopped. If the new one never gets healthy,
 * nothing changes: the publish fails and the previous version keeps serving.
 */
export class Publisher {
  constructor(
    private readonly compute: ComputeParts,
    private readonly queue: AppQueue,
  ) {}

  publish(call: grpc.ServerUnaryCall<PublishDraftRequest__Output, PublishDraftResponse>): Promise<PublishDraftResponse> {
    const { org } = scopeOf(this.compute, call, call.request.organization_name);
    const app = this.compute.apps.require(org, call.request.app_name);
    return this.queue.run(org, app.name, () => this.publishNow(org, app.name, call.request.expected_image_digest));
  }

  private async publishNow(org: string, name: string, expectedDigest: string): Promise<PublishDraftResponse> {
    const { compute } = this;
    const app = compute.apps.require(org, name);
    const { target, draft } = await draftRunTarget(compute, app, compute.drafts.require(org, name));
    if (expectedDigest && target.image.digest !== expectedDigest) {
      throw failedPrecondition(
        `the draft of app "${name}" now runs ${target.image.digest}, not ${expectedDigest} as expected_image_digest says (the draft or its tag changed); nothing was published. Read the draft again with GetDraftInfo`,
      );
    }
    const number = compute.versions.latest(org, name) + 1;
    try {
      await compute.runner.ensure({ ...target, slot: slotOf(app, number) });
    } catch (err) {
      if (app.active_version === 0) saveApp(compute, org, name, { deployment_state: 'DEPLOYMENT_STATE_FAILED' });
      throw err;
    }
    const now = Date.now();
    const test = draft.tests?.[target.image.digest];
    const record: VersionRecord = {
      organization_name: org,
      app_name: name,
      version: number,
      status: 'VERSION_STATUS_ACTIVE',
      code_hash: draft.code_hash,
      code_kind: draft.code_kind,
      image_ref: draft.image_ref,
      image_digest: target.image.digest,
      registry_secret_ref: draft.registry_secret_ref,
      resource_tier: app.resource_tier,
      ...(test ? { test } : {}),
      created_at_ms: now,
    };
    compute.versions.put(record);
    const previous = compute.versions.get(org, name, app.active_version);
    if (previous) compute.versions.put({ ...previous, status: 'VERSION_STATUS_SUPERSEDED' });
    saveApp(compute, org, name, { active_version: number, deployment_state: 'DEPLOYMENT_STATE_ACTIVE' });
    if (previous) await compute.runner.stop(slotOf(app, previous.version));
    compute.log.info('draft published', { app: `${org}/${name}`, version: number, image: record.image_ref, tested: test?.passed ?? false });
    return { version: number, version_info: versionInfo(record) };
  }
}

/** Applies a change to the stored app, if it still exists. */
export function saveApp(compute: ComputeParts, org: string, name: string, change: Partial<AppRecord>): void {
  const current = compute.apps.get(org, name);
  if (current) compute.apps.put({ ...current, ...change, updated_at_ms: Date.now() });
}
