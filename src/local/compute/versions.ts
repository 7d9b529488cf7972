import type { AppVersionInfo } from '../../contract/generated/dodil/ignite/v1/AppVersionInfo.js';
import type { CodeKind__Output } from '../../contract/generated/dodil/ignite/v1/CodeKind.js';
import type { VersionStatus__Output } from '../../contract/generated/dodil/ignite/v1/VersionStatus.js';
import type { Collection, LocalStore } from '../store.js';
import { appId } from './apps.js';
import type { Tier } from './tiers.js';

/** An immutable published version; only its status moves (ACTIVE -> SUPERSEDED). */
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
  created_at_ms: number;
}

/** Versions in the store, keyed "<org>/<app>/<n>". */
export class VersionBook {
  private readonly versions: Collection<VersionRecord>;

  constructor(store: LocalStore) {
    this.versions = store.collection<VersionRecord>('versions');
  }

  get(organization: string, app: string, version: number): VersionRecord | undefined {
    return this.versions.get(versionId(organization, app, version));
  }

  put(record: VersionRecord): void {
    this.versions.put(versionId(record.organization_name, record.app_name, record.version), record);
  }

  /** The app's versions, oldest first. */
  list(organization: string, app: string): VersionRecord[] {
    return this.versions
      .values()
      .filter((v) => v.organization_name === organization && v.app_name === app)
      .sort((a, b) => a.version - b.version);
  }

  latest(organization: string, app: string): number {
    return this.list(organization, app).at(-1)?.version ?? 0;
  }
}

function versionId(organization: string, app: string, version: number): string {
  return `${appId(organization, app)}/${version}`;
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
  };
}
