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
/** What the user chose to leave out (ignore rules) may be cut short in the list; what we decided never is. */
const ALWAYS_LISTED: ReadonlySet<ExclusionReason> = new Set([
  'secret-file',
  'symlink-outside-root',
  'hard-link',
  'special-file',
  'unreadable',
]);

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
  /**
   * Everything left out, in path order, with why: every secret-shaped file, outside symlink, hard link,
   * special or unreadable file, and the first of those an ignore rule removed; `excludedNotListed` counts the rest.
   */
  excluded: Exclusion[];
  excludedNotListed: number;
  /** Files with more than one name on disk, which were packed (their other names may lie outside the folder). */
  hardLinks: Array<{ path: string; links: number }>;
  /** Secret-shaped files sent because include_secret_files named them. */
  secretFilesSent: Array<{ path: string; detail: string }>;
  dockerfile: { path: string; found: boolean; leftOut?: string };
}

export interface PlanOptions extends ContextSourceOptions, PackOptions {
  /**
   * Pack to a counting sink for the exact packed size and digest; true by default. Without it, files
   * whose contents are secret are not found either (that check runs as files are packed).
   */
  measurePackedSize?: boolean;
}

export async function planContext(options: PlanOptions): Promise<ContextManifest> {
  const walk = await walkAllowedFolder(options);
  const format = options.format ?? 'tar.gz';
  let packedBytes: number | null = null;
  let digest: string | null = null;
  let excluded = walk.excluded;
  let fileCount = walk.fileCount;
  if (options.measurePackedSize ?? true) {
    const packed = packWalkedContext(walk, options);
    for await (const chunk of packed.stream) void chunk;
    ({ packedBytes, digest, excluded, fileCount } = await packed.result);
  }
  const excludedCounts: Partial<Record<ExclusionReason, number>> = {};
  for (const exclusion of excluded) excludedCounts[exclusion.reason] = (excludedCounts[exclusion.reason] ?? 0) + 1;
  const leftOut = new Set(excluded.map((e) => e.path));
  const files = walk.entries.filter((e) => e.kind === 'file' && !leftOut.has(e.path));
  let ignoredListed = 0;
  const listed = excluded.filter((e) => ALWAYS_LISTED.has(e.reason) || ignoredListed++ < EXCLUSIONS_LISTED);
  return {
    folder: walk.root,
    format,
    contentType: CONTENT_TYPES[format],
    fileCount,
    directoryCount: walk.entries.filter((e) => e.kind === 'directory').length,
    symlinkCount: walk.entries.filter((e) => e.kind === 'symlink').length,
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    packedBytes,
    digest,
    fitsInline: packedBytes === null ? null : packedBytes < INLINE_CONTEXT_LIMIT_BYTES,
    largestFiles: largestFiles(files, 10),
    ignoreSource: walk.ignoreSource,
    ignoreFile: walk.ignoreFile,
    excludedCounts,
    secretFilesLeftOut: excluded.filter((e) => e.reason === 'secret-file'),
    excluded: listed,
    excludedNotListed: excluded.length - listed.length,
    hardLinks: files.filter((e) => (e.links ?? 1) > 1).map((e) => ({ path: e.path, links: e.links ?? 1 })),
    secretFilesSent: walk.secretFilesSent,
    dockerfile: walk.dockerfile,
  };
}
