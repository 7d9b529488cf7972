import type { CodeKind__Output } from '../../contract/generated/dodil/ignite/v1/CodeKind.js';
import type { DigestTest } from '../../contract/generated/dodil/ignite/v1/DigestTest.js';
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
  /** The last TestDraft of each image digest the draft ran (absent in records from before tests were kept). */
  tests?: Record<string, DigestTestRecord>;
  created_at_ms: number;
  updated_at_ms: number;
}

/** One TestDraft of one image digest: "tested" means exactly this digest answered 2xx with its whole body. */
export interface DigestTestRecord {
  image_digest: string;
  status_code: number;
  passed: boolean;
  tested_at_ms: number;
  execution_id: string;
}

/** Digests a draft remembers tests for; older ones are dropped. */
const KEPT_TESTS = 16;

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

  /** Records a test of the draft's image; kept across later saves of the draft, since it is about the digest. */
  recordTest(expected: DraftRecord, test: DigestTestRecord): DraftRecord {
    const current = this.get(expected.organization_name, expected.app_name) ?? expected;
    const others = Object.values(current.tests ?? {}).filter((kept) => kept.image_digest !== test.image_digest);
    const tests = [...others.sort((a, b) => a.tested_at_ms - b.tested_at_ms).slice(-(KEPT_TESTS - 1)), test];
    return this.update(expected, { tests: Object.fromEntries(tests.map((kept) => [kept.image_digest, kept])) });
  }
}

export function digestTest(test: DigestTestRecord | undefined): DigestTest | null {
  if (!test) return null;
  return { ...test, tested_at_ms: String(test.tested_at_ms) };
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
    last_test: digestTest(draft.image_digest ? draft.tests?.[draft.image_digest] : undefined),
  };
}
