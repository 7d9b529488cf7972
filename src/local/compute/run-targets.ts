import { createHash } from 'node:crypto';
import { ImageRegistry, type ImageRecord } from '../images.js';
import { failedPrecondition } from '../rpc/errors.js';
import type { RunTarget } from '../runner/app-runner.js';
import { appId, type AppRecord } from './apps.js';
import type { ComputeParts } from './parts.js';
import type { DraftRecord } from './drafts.js';
import { pulledImage } from './remote-image.js';
import { recheckSecret } from './secret-refs.js';
import { appliedLimits } from './tiers.js';
import type { VersionRecord } from './versions.js';

/** The slot a version or the draft of an app runs in. */
export function slotOf(app: Pick<AppRecord, 'organization_name' | 'name'>, version: number | 'draft'): string {
  return `${appId(app.organization_name, app.name)}@${version === 'draft' ? 'draft' : `v${version}`}`;
}

/**
 * What running the draft needs, with the same preconditions as the real deploy: a finished build,
 * an image the local registry holds (nothing can be pulled), and its registry secret still valid.
 * The ref is resolved afresh, as a pull would, and the draft remembers the digest it got.
 */
export async function draftRunTarget(
  compute: ComputeParts,
  app: AppRecord,
  stored: DraftRecord,
): Promise<{ target: RunTarget; draft: DraftRecord }> {
  let draft = compute.draftBuilds.refresh(stored);
  const building = compute.draftBuilds.pending(draft);
  if (building) {
    throw failedPrecondition(
      `the draft of app "${app.name}" is still building (build ${building.build_id}); wait for it: follow BuildService.StreamBuildLogs or poll GetDraftInfo until image_ref is set`,
    );
  }
  if (draft.error)
    throw failedPrecondition(`the draft of app "${app.name}" has no image: ${draft.error}. Fix the source and SaveDraft again`);
  if (draft.registry_secret_ref)
    recheckSecret(compute.deps.vault, app.organization_name, draft.registry_secret_ref, 'registry_secret_ref', 'registry_secret');
  const image = await pullImage(compute, app.organization_name, draft.image_ref, draft.registry_secret_ref);
  if (image.digest !== draft.image_digest) draft = compute.drafts.update(draft, { image_digest: image.digest });
  return { target: targetFor(app, slotOf(app, 'draft'), image, draft.image_ref), draft };
}

/**
 * A published version runs the image it froze, by digest. Its registry secret is read again on a
 * cold start, as the platform reads it at every cold start (documented), not while it runs.
 */
export function versionRunTarget(compute: ComputeParts, app: AppRecord, version: VersionRecord): RunTarget {
  const slot = slotOf(app, version.version);
  if (version.registry_secret_ref && !compute.runner.running(slot)) {
    recheckSecret(compute.deps.vault, app.organization_name, version.registry_secret_ref, 'registry_secret_ref', 'registry_secret');
  }
  const image = compute.deps.images.get(version.image_digest);
  if (!image) {
    throw failedPrecondition(
      `the image of version ${version.version} of app "${app.name}" (${version.image_ref}@${version.image_digest}) is gone from the local registry; publish a new version`,
    );
  }
  return targetFor(app, slot, image, version.image_ref);
}

function targetFor(app: AppRecord, slot: string, image: ImageRecord, imageRef: string): RunTarget {
  const { memory_mb, cpu_millicores } = appliedLimits(app.resource_tier, app.limit_overrides);
  const limits = { memory_mb, cpu_millicores };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([image.digest, Object.entries(app.env).sort(), app.ports, app.health_path, limits]))
    .digest('hex');
  return { slot, fingerprint, image, imageRef, appEnv: app.env, ports: app.ports, healthPath: app.health_path, limits };
}

/**
 * The image a ref names: from the local registry for localhost/ refs; any other ref is pulled by
 * the container engine, and cannot be run by the process engine.
 */
async function pullImage(compute: ComputeParts, organization: string, ref: string, registrySecretRef: string): Promise<ImageRecord> {
  const engine = compute.deps.engine.container;
  if (!ImageRegistry.isLocalRef(ref) && engine) return pulledImage(compute, engine, organization, ref, registrySecretRef);
  if (!ImageRegistry.isLocalRef(ref)) {
    throw failedPrecondition(
      `image "${ref}" cannot be pulled: the process engine has no registry access and runs only images it built (refs like localhost/<org>/<name>:<tag>); start the local Ignite with a container engine (--engine podman or docker) to pull it. ` +
        "Build it with BuildService (CreateBuild, or SaveDraft with from_code/from_git) and save the draft with the build's image ref",
    );
  }
  const image = compute.deps.images.resolve(ref);
  if (!image)
    throw failedPrecondition(
      `image "${ref}" is not in the local registry; build it with BuildService.CreateBuild, then save the draft with one of the build's image_refs`,
    );
  if (image.organization_name !== organization) {
    throw failedPrecondition(
      `image "${ref}" belongs to organization "${image.organization_name}"; the local registry does not share images across organizations`,
    );
  }
  return image;
}
