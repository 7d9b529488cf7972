import type * as grpc from '@grpc/grpc-js';
import type { PublishDraftRequest__Output } from '../../contract/generated/dodil/ignite/v1/PublishDraftRequest.js';
import type { PublishDraftResponse } from '../../contract/generated/dodil/ignite/v1/PublishDraftResponse.js';
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
  /** Publishes of one app run one at a time, so version numbers never collide. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly compute: ComputeParts) {}

  publish(call: grpc.ServerUnaryCall<PublishDraftRequest__Output, PublishDraftResponse>): Promise<PublishDraftResponse> {
    const { org } = scopeOf(this.compute, call, call.request.organization_name);
    const app = this.compute.apps.require(org, call.request.app_name);
    const key = `${org}/${app.name}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.publishNow(org, app.name),
      () => this.publishNow(org, app.name),
    );
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => this.queues.get(key) === settled && this.queues.delete(key));
    return next;
  }

  private async publishNow(org: string, name: string): Promise<PublishDraftResponse> {
    const { compute } = this;
    const app = compute.apps.require(org, name);
    const { target, draft } = await draftRunTarget(compute, app, compute.drafts.require(org, name));
    const number = compute.versions.latest(org, name) + 1;
    try {
      await compute.runner.ensure({ ...target, slot: slotOf(app, number) });
    } catch (err) {
      if (app.active_version === 0) this.saveApp(org, name, { deployment_state: 'DEPLOYMENT_STATE_FAILED' });
      throw err;
    }
    const now = Date.now();
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
      created_at_ms: now,
    };
    compute.versions.put(record);
    const previous = compute.versions.get(org, name, app.active_version);
    if (previous) compute.versions.put({ ...previous, status: 'VERSION_STATUS_SUPERSEDED' });
    this.saveApp(org, name, { active_version: number, deployment_state: 'DEPLOYMENT_STATE_ACTIVE' });
    if (previous) await compute.runner.stop(slotOf(app, previous.version));
    compute.log.info('draft published', { app: `${org}/${name}`, version: number, image: record.image_ref });
    return { version: number, version_info: versionInfo(record) };
  }

  private saveApp(org: string, name: string, change: Partial<AppRecord>): void {
    const current = this.compute.apps.get(org, name);
    if (current) this.compute.apps.put({ ...current, ...change, updated_at_ms: Date.now() });
  }
}
