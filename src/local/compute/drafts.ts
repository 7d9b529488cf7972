import type { CodeKind__Output } from '../../contract/generated/dodil/ignite/v1/CodeKind.js';
import type { DraftInfo } from '../../contract/generated/dodil/ignite/v1/DraftInfo.js';
import { notFound } from '../rpc/errors.js';
import { RecordBook } from '../record-book.js';
import type { LocalStore } from '../store.js';

/** An app's draft slot (version 0): what SaveDraft stored and how far its image has come. */
export interface DraftRecord {
  organization_name: string;
  app_name: string;
  code_kind: CodeKind__Output;
  code_hash: string;
  /** The image the draft runs: the prebuilt ref, or the build's ref once the build succeeded. */
  image_ref: string;
  /** The digest the ref resolved to when last known (empty for images outside the local registry). */
  image_digest: string;
  registry_secret_ref: string;
  /** For from_code/from_git: the build that makes the image. */
  build_id: string;
  /** Why the draft's image could not be built. */
  error: string;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Draft slots in the store, one per app. */
export class DraftBook extends RecordBook<DraftRecord, [organization: string, app: string]> {
  constructor(store: LocalStore) {
    super(store, 'drafts', (draft) => [draft.organization_name, draft.app_name]);
  }

  /** The draft, or NOT_FOUND "no draft" (the CLI prints {"status":"no draft"} for this case). */
  require(organization: string, app: string): DraftRecord {
    const draft = this.get(organization, app);
    if (!draft)
      throw notFound(`no draft: app "${app}" in organization "${organization}" has no draft; save one with ComputeService.SaveDraft`);
    return draft;
  }

  /** Applies a change to the stored draft if it still is the one `expected` describes (same build). */
  update(expected: DraftRecord, change: Partial<DraftRecord>): DraftRecord {
    const current = this.get(expected.organization_name, expected.app_name);
    if (!current || current.code_hash !== expected.code_hash || current.build_id !== expected.build_id) return current ?? expected;
    const next = { ...current, ...change, updated_at_ms: Date.now() };
    this.put(next);
    return next;
  }
}

export function draftInfo(draft: DraftRecord): DraftInfo {
  return {
    status: 'VERSION_STATUS_DRAFT',
    code_hash: draft.code_hash,
    created_at_ms: String(draft.created_at_ms),
    updated_at_ms: String(draft.updated_at_ms),
    code_kind: draft.code_kind,
    error: draft.error,
    image_ref: draft.image_ref,
    image_digest: draft.image_digest,
    build_id: draft.build_id,
    registry_secret_ref: draft.registry_secret_ref,
  };
}
