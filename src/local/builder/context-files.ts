import { lstat, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from '@balena/dockerignore';
import { BuildFailure, checkAborted } from './build-output.js';

/**
 * The build context as COPY sees it: `.dockerignore` applied (Docker never sends excluded files
 * to the builder), and source patterns matched with Go's filepath.Match rules as Docker does.
 */

/** Removes what the context's `.dockerignore` excludes; returns how many paths were dropped. */
export async function applyDockerignore(contextDir: string, signal: AbortSignal): Promise<number> {
  const file = path.join(contextDir, '.dockerignore');
  const stats = await lstat(file).catch(() => undefined);
  if (!stats?.isFile()) return 0;
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  if (lines.length === 0) return 0;
  // The CJS module is the factory itself; its typings describe it as a default export.
  const factory = ignore as unknown as (options?: { ignorecase?: boolean }) => Ignore;
  const rules = factory({ ignorecase: false }).add(lines);
  const hasExceptions = lines.some((line) => line.trim().startsWith('!'));
  return prune(contextDir, '', (rel) => rules.ignores(rel), hasExceptions, signal);
}

async function prune(root: string, rel: string, ignores: (rel: string) => boolean, hasExceptions: boolean, signal: AbortSignal): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    checkAborted(signal);
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    const host = path.join(root, child);
    const ignored = ignores(child);
    if (entry.isDirectory()) {
      // An excluded directory can still hold re-included files (`!dir/keep`), so only a rule set
      // without exceptions may drop it whole.
      if (ignored && !hasExceptions) {
        await rm(host, { recursive: true, force: true });
        removed++;
        continue;
      }
      removed += await prune(root, child, ignores, hasExceptions, signal);
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
