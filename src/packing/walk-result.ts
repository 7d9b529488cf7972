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
  /** Device and inode the walk saw, which the read checks it opened (files only). */
  dev?: number;
  ino?: number;
  /** Names this file has on disk (hard links); more than one is reported, and refused with IGNITE_MCP_HARDLINKS=refuse. */
  links?: number;
  /** Already decided: sent anyway by name, or its contents checked by the walk; the packer does not scan it again. */
  checked?: boolean;
}

export type ExclusionReason =
  'dockerignore' | 'default-skip-list' | 'secret-file' | 'symlink-outside-root' | 'hard-link' | 'special-file' | 'unreadable';

/** Whether a file with more than one name is packed (Docker does) or left out. */
export type HardLinkPolicy = 'pack' | 'refuse';

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
  /** `leftOut` says why a Dockerfile that exists is not sent (it is secret-shaped). */
  dockerfile: { path: string; found: boolean; leftOut?: string };
  /** Secret-shaped files sent because include_secret_files named them, with why they look secret. */
  secretFilesSent: Array<{ path: string; detail: string }>;
  /** Regular files; symlinks and directories are not counted. */
  fileCount: number;
  totalBytes: number;
}
