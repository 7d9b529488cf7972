import { z } from 'zod';
import type { AppMeta__Output } from '../../../contract/generated/dodil/ignite/v1/AppMeta.js';
import type { DraftInfo__Output } from '../../../contract/generated/dodil/ignite/v1/DraftInfo.js';
import { IgniteError } from '../../../client/ignite-error.js';
import { UserError } from '../../../shared/errors.js';
import type { ToolCall } from '../define-tool.js';

/** An app as tools show it. Env values are never returned (they are often secrets); names are. */
export const appShape = {
  id: z.string(),
  name: z.string(),
  organization_name: z.string(),
  ports: z.array(z.number().int()),
  health_path: z.string(),
  env_names: z.array(z.string()),
  resource_tier: z.string(),
  deployment_state: z.string(),
  active_version: z.number().int().describe('0 until a draft is published'),
  description: z.string(),
};
export type AppSummary = z.output<z.ZodObject<typeof appShape>>;

/** What configure_app declares of an app; the description names the rest. */
export const appOutput = z.looseObject({ ports: appShape.ports, health_path: z.string(), active_version: z.number().int() });

export function summarizeApp(app: AppMeta__Output): AppSummary {
  return {
    id: app.id,
    name: app.name,
    organization_name: app.organization_name,
    ports: app.ports,
    health_path: app.health_path || '/healthz',
    env_names: Object.keys(app.env).sort(),
    resource_tier: app.resource_tier.replace(/^RESOURCE_TIER_/, ''),
    deployment_state: app.deployment_state.replace(/^DEPLOYMENT_STATE_/, ''),
    active_version: app.active_version,
    description: app.description,
  };
}

export const draftShape = {
  status: z.string(),
  code_kind: z.string().describe('PREBUILT, UPLOAD_IMAGE (from code) or GIT_IMAGE'),
  code_hash: z.string(),
  image_ref: z.string().describe('Empty while the draft image is still being built'),
  image_digest: z.string(),
  build_id: z.string().describe('For drafts built from code or git: follow it with get_build'),
  error: z.string(),
  registry_secret_ref: z.string(),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
};
export type DraftSummary = z.output<z.ZodObject<typeof draftShape>>;

/** What get_draft and save_image_draft declare of a draft; the description names the rest. */
export const draftOutput = z.looseObject({ image_ref: z.string(), build_id: z.string(), error: z.string() });

const isoOrNull = (ms: string) => (Number(ms) > 0 ? new Date(Number(ms)).toISOString() : null);

export function summarizeDraft(draft: DraftInfo__Output): DraftSummary {
  return {
    status: draft.status.replace(/^VERSION_STATUS_/, ''),
    code_kind: draft.code_kind.replace(/^CODE_KIND_/, ''),
    code_hash: draft.code_hash,
    image_ref: draft.image_ref,
    image_digest: draft.image_digest,
    build_id: draft.build_id,
    error: draft.error,
    registry_secret_ref: draft.registry_secret_ref,
    created_at: isoOrNull(draft.created_at_ms),
    updated_at: isoOrNull(draft.updated_at_ms),
  };
}

/** The organization a call acts on: the argument, else the configured one ('' for a local Ignite's default). */
export function organizationFor(call: ToolCall, given: string | undefined): string {
  const organization = given ?? call.deps.organization;
  if (organization !== undefined) return organization;
  throw new UserError(
    'no organization: none was given and none is configured',
    'Pass organization_name, or set IGNITE_ORG_NAME (or log in with `dodil login` so the token names it).',
    { code: 'CONFIG' },
  );
}

export function isNotFound(err: unknown): boolean {
  return err instanceof IgniteError && err.codeName === 'NOT_FOUND';
}
