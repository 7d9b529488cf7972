import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { IgnoreFileError } from '../../archive/ignore-file.js';
import { loadIgnoreRules, type IgnoreRules } from '../../archive/ignore-rules.js';
import { BuildFailure, checkAborted } from './build-output.js';

/**
 * The build context as COPY sees it: the ignore file applied (Docker never sends excluded files
 * to the builder), and source patterns matched with Go's filepath.Match rules as Docker does.
 */

export interface IgnoreOutcome {
  /** The ignore file that applied, relative to the context; null when there is none. */
  file: string | null;
  removed: number;
}

/**
 * Removes what the build's ignore file excludes: `<dockerfile>.dockerignore` when there is one, as
 * BuildKit and the packer read it, else the root `.dockerignore`. Docker has no default skip list,
 * so without either file nothing is removed.
 */
export async function applyDockerignore(contextDir: string, dockerfile: string, signal: AbortSignal): Promise<IgnoreOutcome> {
  let rules: IgnoreRules;
  try {
    rules = await loadIgnoreRules(contextDir, dockerfile);
  } catch (error) {
    if (error instanceof IgnoreFileError) throw new BuildFailure(error.message);
    throw error;
  }
  if (rules.file === null) return { file: null, removed: 0 };
  return { file: rules.file, removed: await prune(contextDir, '', rules, signal) };
}

async function prune(root: string, rel: string, rules: IgnoreRules, signal: AbortSignal): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    checkAborted(signal);
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    const host = path.join(root, child);
    const ignored = rules.ignores(child);
    if (entry.isDirectory()) {
      // An excluded directory can still hold re-included files (`!dir/keep`); it is dropped whole
      // only when no exception can reach inside it.
      if (ignored && !rules.mustDescend(child)) {
        await rm(host, { recursive: true, force: true });
        removed++;
        continue;
      }
      removed += await prune(root, child, rules, signal);
      if (ignored && (await readdir(host)).length === 0) {
        await rmdir(host);
        removed++;
      }
    } else if (ignored) {
      await rm(host, { force: true });
      removed++;
    }
  }
  return removed;
}

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Go's filepath.Match as a RegExp: `*` and `?` never cross `/`, `[...]` and `[^...]` classes, `\` escapes. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]!);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new BuildFailure(`syntax error in pattern: ${pattern}`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\]\\^]/g, (c) => `\\${c}`)}]`;
      i = end;
    } else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`);
}

/** Every path under `root` (relative, `/`-separated, sorted) that the pattern matches. */
export async function matchGlob(root: string, pattern: string, signal: AbortSignal): Promise<string[]> {
  const clean = path.posix.normalize(pattern).replace(/^\/+/, '').replace(/\/+$/, '');
  const regexp = globToRegExp(clean);
  const depth = clean.split('/').length;
  const matches: string[] = [];
  async function visit(rel: string, level: number): Promise<void> {
    checkAborted(signal);
    const names = await readdir(path.join(root, rel), { withFileTypes: true });
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (level === depth) {
        if (regexp.test(child)) matches.push(child);
      } else if (entry.isDirectory()) {
        await visit(child, level + 1);
      }
    }
  }
  await visit('', 1);
  return matches;
}
