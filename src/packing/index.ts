/**
 * Build contexts for Ignite: what the MCP tools call to check a folder, plan (dry run), pack, chunk for
 * UploadBuildContext or inline, and to validate an archive the user already has.
 */
export {
  normalizeUserPath,
  PathNotAllowedError,
  PathOutsideContextError,
  resolveAllowedPath,
  type PathDialectOptions,
} from './allowed-roots.js';
export { INLINE_CONTEXT_LIMIT_BYTES, inlineIfSmall, UPLOAD_CHUNK_BYTES, uploadChunks, type InlineDecision } from './chunks.js';
export { ContextChangedError } from './entry-reader.js';
export { InvalidArchiveError, openExistingArchive, type ExistingArchive } from './existing-archive.js';
export { archiveIgnoreReport, type ArchiveIgnoreReport } from './archive-ignores.js';
export { DEFAULT_SKIP_NAMES, type IgnoreSource } from '../archive/ignore-rules.js';
export { ContextLimitError, DEFAULT_LIMITS, type ContextLimits, type SizedPath } from './limits.js';
export { planContext, type ContextManifest, type PlanOptions } from './manifest.js';
export { ARCHIVE_FORMATS, CONTENT_TYPES, type ArchiveFormat } from '../archive/formats.js';
export { packContext, packWalkedContext, type PackedContext, type PackedStream, type PackOptions, type PackResult } from './pack.js';
export {
  walkAllowedFolder,
  walkContext,
  type ContextEntry,
  type ContextSourceOptions,
  type Exclusion,
  type ExclusionReason,
  type WalkResult,
} from './walk.js';
