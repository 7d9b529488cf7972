/**
 * Size limits on a context. Hitting one must tell the agent what to do next, so the error names the
 * biggest files and the `.dockerignore` line that would remove most of the weight.
 */
import { DEFAULT_SKIP_NAMES } from '../archive/ignore-rules.js';

export interface ContextLimits {
  /** Regular files plus symlinks. */
  maxFiles: number;
  /** Sum of regular file sizes, before compression. */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ContextLimits = { maxFiles: 100_000, maxTotalBytes: 2 * 1024 ** 3 };

export interface SizedPath {
  path: string;
  size: number;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function largestFiles(files: readonly SizedPath[], count: number): SizedPath[] {
  return [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, count);
}

/** The top-level name holding most of the weight (bytes or files) is the line most worth ignoring. */
function heaviestTopLevel(files: readonly SizedPath[], byCount: boolean, keep: ReadonlySet<string>) {
  const totals = new Map<string, { files: number; bytes: number; isDir: boolean }>();
  for (const file of files) {
    if (keep.has(file.path)) continue;
    const slash = file.path.indexOf('/');
    const top = slash === -1 ? file.path : file.path.slice(0, slash);
    const total = totals.get(top) ?? { files: 0, bytes: 0, isDir: slash !== -1 };
    total.files += 1;
    total.bytes += file.size;
    totals.set(top, total);
  }
  let best: { name: string; files: number; bytes: number; isDir: boolean } | null = null;
  for (const [name, total] of totals) {
    const weight = byCount ? total.files : total.bytes;
    if (best === null || weight > (byCount ? best.files : best.bytes)) best = { name, ...total };
  }
  return best;
}

export class ContextLimitError extends Error {
  constructor(
    message: string,
    readonly limit: keyof ContextLimits,
    readonly largest: SizedPath[],
    readonly suggestedIgnoreLine: string | null,
  ) {
    super(message);
    this.name = 'ContextLimitError';
  }
}

export function contextLimitError(
  limit: keyof ContextLimits,
  limitValue: number,
  files: readonly SizedPath[],
  /** The ignore file that applied, which is where the advice says to add a line; null for the default skip list. */
  ignoreFile: string | null,
  alwaysSent: ReadonlySet<string>,
  complete: boolean,
): ContextLimitError {
  const byCount = limit === 'maxFiles';
  const found = (byCount ? `${files.length} files` : formatBytes(files.reduce((sum, f) => sum + f.size, 0))) + (complete ? '' : ' or more');
  const cap = byCount ? `${limitValue} files` : formatBytes(limitValue);
  const largest = largestFiles(files, 5);
  const list = largest.map((f) => `${f.path} (${formatBytes(f.size)})`).join(', ');
  const heavy = heaviestTopLevel(files, byCount, alwaysSent);
  const line = heavy === null ? null : heavy.isDir ? `${heavy.name}/` : heavy.name;
  let advice = 'Raise the limit or leave files out with a .dockerignore.';
  if (heavy !== null && line !== null) {
    const count = heavy.files === 1 ? '1 file' : `${heavy.files} files`;
    const what = `${heavy.name}${heavy.isDir ? '/' : ''} (${count}, ${formatBytes(heavy.bytes)})`;
    advice =
      ignoreFile !== null
        ? `Add the line "${line}" to ${ignoreFile} to leave out ${what}, or raise the limit.`
        : `Create a .dockerignore with the line "${line}" to leave out ${what}, or raise the limit. ` +
          `A .dockerignore replaces the default skip list, so also list ${DEFAULT_SKIP_NAMES.join(', ')} in it.`;
  }
  const message = `Build context exceeds the limit of ${cap} (found ${found}). Largest files: ${list}. ${advice}`;
  return new ContextLimitError(message, limit, largest, line);
}
