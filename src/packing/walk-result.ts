/**
 * What a walk of a context folder produces: the entries `docker build` would receive and, for
 * everything else, why it was left out. The walker fills these in; packing, planning and the tools
 * read them.
 */
import type { IgnoreSource } from '../archive/ignore-rules.js';
import type { EntryKind } from './secret-files.js';

export interface ContextEntry {
  /** POSIX path relative to the root, without a trailing slash. */
  path: string;
  kind: EntryKind;
  size: number;
  executable: boolean;
  linkTarget?: string;
}

export type ExclusionReason = 'dockerignore' | 'default-skip-list' | 'secret-file' | 'symlink-outside-root' | 'special-file' | 'unreadable';

export interface Exclusion {
  path: string;
  reason: ExclusionReason;
  detail?: string;
}

export interface WalkResult {
  root: string;
  entries: ContextEntry[];
  excluded: Exclusion[];
  ignoreSource: IgnoreSource;
  ignoreFile: string | null;
  dockerfile: { path: string; found: boolean };
  /** Regular files; symlinks and directories are not counted. */
  fileCount: number;
  totalBytes: number;
}
