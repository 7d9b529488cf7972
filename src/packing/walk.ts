/**
 * Lists what `docker build` would receive from a folder, in a deterministic order, and why everything
 * else was left out. Nothing is read here except directory listings, link targets, registry configs
 * (`.npmrc`, `.pypirc`, `.yarnrc.yml`, …) to see whether they hold a credential, and the Dockerfile and
 * ignore file to see whether they hold a secret; other small files are checked as they are packed.
 */
import { resolveAllowedPath, toContextRelative, type PathDialectOptions } from './allowed-roots.js';
import { loadIgnoreRules } from '../archive/ignore-rules.js';
import { DEFAULT_LIMITS, type ContextLimits } from './limits.js';
import type { HardLinkPolicy, WalkResult } from './walk-result.js';
import { Walker } from './walker.js';

export type { ContextEntry, Exclusion, ExclusionReason, HardLinkPolicy, WalkResult } from './walk-result.js';

export interface WalkOptions {
  /** Real absolute path of the context folder (see resolveAllowedPath). */
  root: string;
  /** Dockerfile path relative to the root; `Dockerfile` by default. */
  dockerfile?: string;
  /** Secret-shaped paths (relative to the root) the caller wants sent anyway. */
  includeSecretFiles?: readonly string[];
  limits?: Partial<ContextLimits>;
  /** Files with more than one name: packed (the default, as Docker does) or left out. */
  hardLinks?: HardLinkPolicy;
}

export async function walkContext(options: WalkOptions): Promise<WalkResult> {
  const root = options.root;
  const dockerfile = toContextRelative(options.dockerfile ?? 'Dockerfile', root);
  const rules = await loadIgnoreRules(root, dockerfile);
  const includes = new Set((options.includeSecretFiles ?? []).map((p) => toContextRelative(p, root)));
  const forced = [dockerfile, '.dockerignore', ...(rules.file === null ? [] : [rules.file])];
  const walker = new Walker(root, rules, includes, { ...DEFAULT_LIMITS, ...options.limits }, forced, options.hardLinks);
  await walker.walkDirectory('', false);
  walker.checkLimits();
  const walked = walker.result();
  const found = walked.entries.some((e) => e.path === dockerfile && e.kind !== 'directory');
  const leftOut = walked.excluded.find(
    (e) => e.reason === 'secret-file' && (e.path === dockerfile || dockerfile.startsWith(`${e.path}/`)),
  )?.detail;
  return {
    root,
    ...walked,
    ignoreSource: rules.source,
    ignoreFile: rules.file,
    dockerfile: { path: dockerfile, found, ...(leftOut === undefined ? {} : { leftOut }) },
  };
}

/** A context folder as the MCP tools name it: a user path, checked against the allowed roots, then walked. */
export interface ContextSourceOptions extends Omit<WalkOptions, 'root'> {
  /** The folder as the user or agent wrote it; relative, `~`, Windows and WSL forms are accepted. */
  folder: string;
  /** Client roots, the configured list or the working directory, as the MCP layer decides. */
  allowedRoots: readonly string[];
  pathOptions?: PathDialectOptions;
}

export async function walkAllowedFolder(options: ContextSourceOptions): Promise<WalkResult> {
  const { folder, allowedRoots, pathOptions, ...walkOptions } = options;
  const root = await resolveAllowedPath(folder, allowedRoots, pathOptions);
  return walkContext({ ...walkOptions, root });
}
