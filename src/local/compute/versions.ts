import type { AppVersionInfo } from '../../contract/generated/dodil/ignite/v1/AppVersionInfo.js';
import type { CodeKind__Output } from '../../contract/generated/dodil/ignite/v1/CodeKind.js';
import type { VersionStatus__Output } from '../../contract/generated/dodil/ignite/v1/VersionStatus.js';
import { RecordBook } from '../record-book.js';
import type { LocalStore } from '../store.js';
import type { Tier } from './tiers.js';
import { digestTest, type DigestTestRecord } from './drafts.js';

/** An immutable published version; only its status moves (ACTIVE -> SUPERSEDED, and back on a rollback). */
export interface VersionRecord {
  organization_name: string;
  app_name: string;
  version: number;
  status: VersionStatus__Output;
  code_hash: string;
  code_kind: CodeKind__Output;
  image_ref: string;
  /** The image is frozen by digest: re-tagging the ref later does not change a version. */
  image_digest: string;
  registry_secret_ref: string;
  resource_tier: Tier;
  /** The draft's test of exactly image_digest when it was published; absent: never tested. */
  test?: DigestTestRecord;
  created_at_ms: number;
}

/** Published versions in the store, by organization, app and number. */
export class VersionBook extends RecordBook<VersionRecord, [organization: string, app: string, version: number]> {
  constructor(store: LocalStore) {
    super(store, 'versions', (record) => [record.organization_name, record.app_name, record.version]);
  }

  /** The app's versions, oldest first. */
  ofApp(organization: string, app: string): VersionRecord[] {
    return this.list(organization, app).sort((a, b) => a.version - b.version);
  }

  latest(organization: string, app: string): number {
    return this.ofApp(organization, app).at(-1)?.version ?? 0;
  }
}

export function versionInfo(record: VersionRecord): AppVersionInfo {
  return {
    version: record.version,
    code_hash: record.code_hash,
    created_at_ms: String(record.created_at_ms),
    status: record.status,
    resource_tier: record.resource_tier,
    code_kind: record.code_kind,
    image_ref: record.image_ref,
    image_digest: record.image_digest,
    test: digestTest(record.test),
    registry_secret_ref: record.registry_secret_ref,
  };
}
