/**
 * Which paths `docker build` would not see. The matcher is @balena/dockerignore (a port of Docker's own),
 * with case-sensitive matching as Docker does; this file only decides which rules apply and when an
 * excluded directory still has to be walked because a `!` exception may bring something back.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';
import { readIgnoreFile } from './ignore-file.js';

// The package is CommonJS (`module.exports = factory`) while its typings declare a default export,
// which NodeNext resolution cannot call; require it and state the factory's shape here.
const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as (options?: { ignorecase?: boolean }) => Ignore;

export type IgnoreSource = '.dockerignore' | 'default-skip-list';

/** What the dodil CLI skips when it tars a folder without a `.dockerignore`. */
export const DEFAULT_SKIP_NAMES: readonly string[] = ['.git', 'node_modules', '__pycache__', 'target', '.venv'];

export interface IgnoreRules {
  source: IgnoreSource;
  /** The ignore file that applied, relative to the root; null for the default skip list. */
  file: string | null;
  ignores(relPath: string): boolean;
  mustDescend(relDir: string): boolean;
}

const WILDCARD = /[*?[\\]/;

function exceptionPatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => path.posix.normalize(line.slice(1).trim().replace(/^\/+/, '')))
    .filter((pattern) => pattern !== '' && pattern !== '.');
}

export function dockerignoreRules(text: string, file: string): IgnoreRules {
  const body = text.replace(/^\uFEFF/, '');
  const matcher = dockerignore({ ignorecase: false }).add(body);
  const exceptions = exceptionPatterns(body);
  // BuildKit walks every excluded directory once an exception has a wildcard, since it cannot tell
  // which directories the exception might reach; with literal exceptions only their ancestors are walked.
  const walkAll = exceptions.some((pattern) => WILDCARD.test(pattern.replace(/(\/\*\*?)+$/, '')));
  return {
    source: '.dockerignore',
    file,
    ignores: (relPath) => matcher.ignores(relPath),
    mustDescend: (relDir) => exceptions.length > 0 && (walkAll || exceptions.some((pattern) => `${pattern}/`.startsWith(`${relDir}/`))),
  };
}

export function defaultSkipRules(): IgnoreRules {
  const names = new Set(DEFAULT_SKIP_NAMES);
  return {
    source: 'default-skip-list',
    file: null,
    ignores: (relPath) => names.has(path.posix.basename(relPath)),
    mustDescend: () => false,
  };
}

/**
 * BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile over the root `.dockerignore`,
 * so a repository with several Dockerfiles can give each its own rules.
 */
export async function loadIgnoreRules(root: string, dockerfileRel: string): Promise<IgnoreRules> {
  for (const candidate of [`${dockerfileRel}.dockerignore`, '.dockerignore']) {
    const text = await readIgnoreFile(root, candidate);
    if (text !== null) return dockerignoreRules(text, candidate);
  }
  return defaultSkipRules();
}
