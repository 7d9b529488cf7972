/**
 * Secret-shaped files as the packer meets them: the rules (names, registry configs, contents) are
 * archive/secret-files.ts, shared with the local Ignite; what is left here is how a caller names
 * files to send anyway.
 */
import path from 'node:path';

export {
  CONTENT_CHECK_BYTES,
  configFileSecretReason,
  fileContentSecretReason,
  mayHoldSecretShape,
  needsConfigCheck,
  secretReasonByName,
  secretReasonInContent,
  type EntryKind,
} from '../archive/secret-files.js';

/** The caller opts a secret-shaped path back in by naming it, or a directory above it. */
export function isExplicitlyIncluded(relPath: string, includes: ReadonlySet<string>): boolean {
  if (includes.size === 0) return false;
  if (includes.has(relPath)) return true;
  for (let dir = path.posix.dirname(relPath); dir !== '.'; dir = path.posix.dirname(dir)) {
    if (includes.has(dir)) return true;
  }
  return false;
}

/** A secret directory must still be walked when an explicit include points inside it. */
export function hasIncludeBelow(relDir: string, includes: ReadonlySet<string>): boolean {
  const prefix = `${relDir}/`;
  for (const include of includes) if (include.startsWith(prefix)) return true;
  return false;
}
