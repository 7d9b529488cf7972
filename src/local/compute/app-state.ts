import type * as grpc from '@grpc/grpc-js';
import type { AppInstance } from '../../contract/generated/dodil/ignite/v1/AppInstance.js';
import type { AppReadiness } from '../../contract/generated/dodil/ignite/v1/AppReadiness.js';
import type { GetAppStateRequest__Output } from '../../contract/generated/dodil/ignite/v1/GetAppStateRequest.js';
import type { GetAppStateResponse } from '../../contract/generated/dodil/ignite/v1/GetAppStateResponse.js';
import { RpcError } from '../rpc/errors.js';
import { probe } from '../runner/health.js';
import { appMeta, type AppRecord } from './apps.js';
import { draftInfo } from './drafts.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { slotOf, versionRunTarget } from './run-targets.js';
import { versionInfo, type VersionRecord } from './versions.js';

/**
 * GetAppState: the app's config, active version and draft, the instances running now (the local
 * Ignite's processes, one per slot), and whether the active version can serve. Each instance's
 * health path is probed once, so "ready" is what it answers now, not what it answered at start.
 */
export async function appState(
  compute: ComputeParts,
  call: grpc.ServerUnaryCall<GetAppStateRequest__Output, GetAppStateResponse>,
): Promise<GetAppStateResponse> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  const versions = compute.versions.ofApp(org, app.name);
  const stored = compute.drafts.get(org, app.name);
  const draft = stored ? compute.draftBuilds.refresh(stored) : undefined;
  const slots: { version: number; digest: string }[] = [
    ...(draft ? [{ version: 0, digest: draft.image_digest }] : []),
    ...versions.map((version) => ({ version: version.version, digest: version.image_digest })),
  ];
  const instances = (await Promise.all(slots.map((slot) => instanceOf(compute, app, slot.version, slot.digest)))).filter(
    (instance): instance is AppInstance => instance !== undefined,
  );
  const active = versions.find((version) => version.version === app.active_version);
  return {
    app: appMeta(app, compute.deps.engine.name),
    active: active ? versionInfo(active) : null,
    draft: draft ? draftInfo(draft) : null,
    instances,
    ...readinessOf(compute, app, active, instances),
    version_count: versions.length,
  };
}

async function instanceOf(compute: ComputeParts, app: AppRecord, version: number, digest: string): Promise<AppInstance | undefined> {
  const slot = slotOf(app, version === 0 ? 'draft' : version);
  const process = compute.runner.running(slot);
  if (!process) return undefined;
  const ports = Object.fromEntries(process.hostPorts);
  const first = process.hostPorts.values().next().value;
  const status = first === undefined ? undefined : await probe(first, app.health_path);
  const healthy = status !== undefined && status >= 200 && status < 300;
  return {
    instance_id: slot,
    version,
    draft: version === 0,
    state: healthy ? 'INSTANCE_STATE_READY' : 'INSTANCE_STATE_UNHEALTHY',
    pid: process.pid ?? 0,
    container_id: process.containerId ?? '',
    ports,
    image_digest: digest,
  };
}

function readinessOf(
  compute: ComputeParts,
  app: AppRecord,
  active: VersionRecord | undefined,
  instances: AppInstance[],
): { readiness: AppReadiness; readiness_detail: string } {
  if (app.active_version === 0) {
    return { readiness: 'APP_READINESS_NOT_PUBLISHED', readiness_detail: 'nothing is published; PublishDraft makes the draft version 1' };
  }
  if (!active) {
    return { readiness: 'APP_READINESS_BLOCKED', readiness_detail: `the active version ${app.active_version} is missing; publish again` };
  }
  const instance = instances.find((candidate) => candidate.version === active.version);
  if (instance?.state === 'INSTANCE_STATE_READY') {
    return { readiness: 'APP_READINESS_READY', readiness_detail: `version ${active.version} answers GET ${app.health_path} with 2xx` };
  }
  if (instance) {
    return {
      readiness: 'APP_READINESS_UNHEALTHY',
      readiness_detail: `version ${active.version} runs but GET ${app.health_path} does not answer 2xx now`,
    };
  }
  try {
    versionRunTarget(compute, app, active);
  } catch (err) {
    if (err instanceof RpcError) return { readiness: 'APP_READINESS_BLOCKED', readiness_detail: err.message };
    throw err;
  }
  return {
    readiness: 'APP_READINESS_IDLE',
    readiness_detail: `version ${active.version} is scaled to zero; the next Invoke starts it`,
  };
}
