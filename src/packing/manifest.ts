/**
 * The dry run: what would be sent, what was left out and why, and how big the archive really is. The
 * packed size comes from packing to a counting sink, so the digest and size are the ones an upload
 * of the same folder would produce.
 */
import { INLINE_CONTEXT_LIMIT_BYTES } from './chunks.js';
import type { IgnoreSource } from '../archive/ignore-rules.js';
import { largestFiles, type SizedPath } from './limits.js';
import { CONTENT_TYPES, type ArchiveFormat } from '../archive/formats.js';
import { packWalkedContext, type PackOptions } from './pack.js';
import { walkAllowedFolder, type ContextSourceOptions, type Exclusion, type ExclusionReason } from './walk.js';

/** Keeps a dry run readable when an ignore rule matches thousands of paths one by one. */
const EXCLUSIONS_LISTED = 100;

export interface ContextManifest {
  folder: string;
  format: ArchiveFormat;
  contentType: string;
  fileCount: number;
  directoryCount: number;
  symlinkCount: number;
  totalBytes: number;
  /** Null when the plan was made with `measurePackedSize: false`. */
  packedBytes: number | null;
  digest: string | null;
  /** Whether the archive can go inline (`zipped_code`) instead of UploadBuildContext. */
  fitsInline: boolean | null;
  largestFiles: SizedPath[];
  ignoreSource: IgnoreSource;
  ignoreFile: string | null;
  excludedCounts: Partial<Record<ExclusionReason, number>>;
  secretFilesLeftOut: Exclusion[];
  /** The first exclusions in path order; `excludedNotListed` counts the rest. */
  excluded: Exclusion[];
  excludedNotListed: number;
  dockerfile: { path: string; found: boolean };
}

export interface PlanOptions extends ContextSourceOptions, PackOptions {
  /** Pack to a counting sink for the exact packed size and digest; true by default. */
  measurePackedSize?: boolean;
}

export async function planContext(options: PlanOptions): Promise<ContextManifest> {
  const walk = await walkAllowedFolder(options);
  const format = options.format ?? 'tar.gz';
  let packedBytes: number | null = null;
  let digest: string | null = null;
  if (options.measurePackedSize ?? true) {
    const packed = packWalkedContext(walk, options);
    for await (const chunk of packed.stream) void chunk;
    ({ packedBytes, digest } = await packed.result);
  }
  const excludedCounts: Partial<Record<ExclusionReason, number>> = {};
  for (const exclusion of walk.excluded) excludedCounts[exclusion.reason] = (excludedCounts[exclusion.reason] ?? 0) + 1;
  const files = walk.entries.filter((e) => e.kind === 'file');
  return {
    folder: walk.root,
    format,
    contentType: CONTENT_TYPES[format],
    fileCount: walk.fileCount,
    directoryCount: walk.entries.filter((e) => e.kind === 'directory').length,
    symlinkCount: walk.entries.filter((e) => e.kind === 'symlink').length,
    totalBytes: walk.totalBytes,
    packedBytes,
    digest,
    fitsInline: packedBytes === null ? null : packedBytes < INLINE_CONTEXT_LIMIT_BYTES,
    largestFiles: largestFiles(files, 10),
    ignoreSource: walk.ignoreSource,
    ignoreFile: walk.ignoreFile,
    excludedCounts,
    secretFilesLeftOut: walk.excluded.filter((e) => e.reason === 'secret-file'),
    excluded: walk.excluded.slice(0, EXCLUSIONS_LISTED),
    excludedNotListed: Math.max(0, walk.excluded.length - EXCLUSIONS_LISTED),
    dockerfile: walk.dockerfile,
  };
}
