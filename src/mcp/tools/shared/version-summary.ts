import { z } from 'zod';
import type { AppVersionInfo__Output } from '../../../contract/generated/dodil/ignite/v1/AppVersionInfo.js';
import type { DigestTest__Output } from '../../../contract/generated/dodil/ignite/v1/DigestTest.js';

/** A `_ms` timestamp as ISO text; 0 (unset) is null. */
export const isoOrNull = (ms: string) => (Number(ms) > 0 ? new Date(Number(ms)).toISOString() : null);

// Output numbers are plain `number`s: `.int()` adds a ±2^53 range to every one of them in tools/list,
// which every turn pays for, and says nothing a model needs.

/** A test_draft run of one image digest. */
export const digestTestShape = z
  .object({ status_code: z.number(), passed: z.boolean(), tested_at: z.string().nullable(), execution_id: z.string() })
  .nullable()
  .describe('Last test_draft of this digest; null: never');

/** A published version as tools show it. */
export const versionShape = {
  version: z.number(),
  status: z.string().describe('ACTIVE or SUPERSEDED'),
  image_ref: z.string(),
  image_digest: z.string(),
  created_at: z.string().nullable(),
  tested: z.boolean().describe('This exact digest passed test_draft'),
};
export const versionSchema = z.object(versionShape);
export type VersionSummary = z.output<typeof versionSchema>;

/** One version in full: what get_version adds. */
export const versionDetailShape = {
  ...versionShape,
  code_kind: z.string(),
  registry_secret_ref: z.string(),
  test: digestTestShape,
};
export type VersionDetail = z.output<z.ZodObject<typeof versionDetailShape>>;

/** Paging inputs of the list tools. */
export const pageInput = {
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional().describe('next_cursor of the last page'),
};

export function summarizeDigestTest(test: DigestTest__Output | null | undefined): z.output<typeof digestTestShape> {
  if (!test) return null;
  return { status_code: test.status_code, passed: test.passed, tested_at: isoOrNull(test.tested_at_ms), execution_id: test.execution_id };
}

export function summarizeVersion(info: AppVersionInfo__Output): VersionSummary {
  return {
    version: info.version,
    status: info.status.replace(/^VERSION_STATUS_/, ''),
    image_ref: info.image_ref,
    image_digest: info.image_digest,
    created_at: isoOrNull(info.created_at_ms),
    tested: info.test?.passed ?? false,
  };
}

export function detailVersion(info: AppVersionInfo__Output): VersionDetail {
  return {
    ...summarizeVersion(info),
    code_kind: info.code_kind.replace(/^CODE_KIND_/, ''),
    registry_secret_ref: info.registry_secret_ref,
    test: summarizeDigestTest(info.test),
  };
}

/** One line per version for the text part of a result. */
export function describeVersionLine(version: VersionSummary): string {
  return `v${version.version} ${version.status} ${version.image_ref} (${version.image_digest || 'no digest'}, ${version.tested ? 'tested' : 'not tested'})`;
}
