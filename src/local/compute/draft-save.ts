import type { CodeSource__Output } from '../../contract/generated/dodil/ignite/v1/CodeSource.js';
import type { Caller } from '../rpc/caller.js';
import { ImageRegistry } from '../images.js';
import type { AppRecord } from './apps.js';
import type { ComputeParts } from './parts.js';
import { planDraft, type DraftPlan } from './draft-source.js';
import type { DraftRecord } from './drafts.js';
import { slotOf } from './run-targets.js';

/** Checks a draft source for an app without storing anything (CreateApp checks before it creates). */
export function checkDraftSource(compute: ComputeParts, organization: string, appName: string, code: CodeSource__Output | null): DraftPlan {
  return planDraft(code, { organization, appName, vault: compute.deps.vault, limits: compute.deps.limits });
}

/**
 * Writes the draft slot, replacing any previous draft. A prebuilt image is recorded as given (its
 * digest too when the local registry holds it); from_code/from_git start a build through the
 * BuildService's builds and the draft gets its image when that build succeeds.
 */
export function storeDraft(compute: ComputeParts, app: AppRecord, plan: DraftPlan, caller: Caller): DraftRecord {
  const now = Date.now();
  const replaced = compute.drafts.get(app.organization_name, app.name);
  const base = {
    organization_name: app.organization_name,
    app_name: app.name,
    code_kind: plan.code_kind,
    code_hash: plan.code_hash,
    error: '',
    // Tests are about image digests, so a new draft of an image already tested keeps that result.
    tests: replaced?.tests ?? {},
    created_at_ms: now,
    updated_at_ms: now,
  };
  // The replaced draft's image build can no longer become anyone's image; stop it rather than let it run on.
  const stillBuilding = replaced ? compute.draftBuilds.pending(replaced) : undefined;
  if (stillBuilding) compute.deps.builds.cancel(stillBuilding.build_id, app.organization_name);
  let draft: DraftRecord;
  if (plan.code_kind === 'CODE_KIND_PREBUILT') {
    const local = ImageRegistry.isLocalRef(plan.image_ref) ? compute.deps.images.resolve(plan.image_ref) : undefined;
    const digest = local?.organization_name === app.organization_name ? local.digest : '';
    draft = { ...base, image_ref: plan.image_ref, image_digest: digest, registry_secret_ref: plan.registry_secret_ref, build_id: '' };
  } else {
    const build = compute.deps.builds.start(plan.build, caller);
    draft = { ...base, image_ref: '', image_digest: '', registry_secret_ref: '', build_id: build.build_id };
  }
  compute.drafts.put(draft);
  compute.draftBuilds.watch(draft);
  compute.apps.put({ ...app, deployment_mode: 'DEPLOYMENT_MODE_IMAGE', updated_at_ms: now });
  // A process of the previous draft serves nothing anyone can reach any more.
  void compute.runner.stop(slotOf(app, 'draft')).catch(() => undefined);
  compute.log.info('draft saved', {
    app: `${app.organization_name}/${app.name}`,
    code_kind: draft.code_kind,
    build_id: draft.build_id || undefined,
  });
  return compute.draftBuilds.refresh(draft);
}
