import { invalidArgument } from './errors.js';

export interface Page<T> {
  items: T[];
  /** Empty on the last page. */
  next_cursor: string;
}

/** What a list request says about paging: proto3 gives 0 and "" for "not set". */
export interface PageRequest {
  limit: number;
  cursor: string;
}

/** How one list RPC pages; the real service documents different sizes per RPC. */
export interface PageRules<T> {
  /** A unique key per record; pages are ordered by it. */
  keyOf: (record: T) => string;
  /** Newest first for keys that grow with time (build ids). */
  order?: 'ascending' | 'descending';
  defaultSize?: number;
  maxSize?: number;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const CURSOR_VERSION = 1;

/**
 * Cursor pagination over records sorted by a unique key. The cursor holds the last key served;
 * records added or removed between pages neither repeat nor shift the rest, which an offset
 * cursor would not guarantee.
 */
export function paginate<T>(records: readonly T[], request: PageRequest, rules: PageRules<T>): Page<T> {
  const { keyOf } = rules;
  const size = request.limit === 0 ? (rules.defaultSize ?? DEFAULT_PAGE) : Math.min(request.limit, rules.maxSize ?? MAX_PAGE);
  const direction = rules.order === 'descending' ? -1 : 1;
  const after = request.cursor ? decodeCursor(request.cursor) : undefined;
  const sorted = [...records].sort((a, b) => direction * compare(keyOf(a), keyOf(b)));
  const remaining = after === undefined ? sorted : sorted.filter((record) => direction * compare(keyOf(record), after) > 0);
  const items = remaining.slice(0, size);
  const last = items.at(-1);
  return { items, next_cursor: remaining.length > size && last !== undefined ? encodeCursor(keyOf(last)) : '' };
}

// Versioned JSON rather than the bare key, so a cursor this server never issued is refused
// instead of being read as some key and silently skipping records.
function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, last: lastKey }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; last?: unknown };
    if (parsed.v === CURSOR_VERSION && typeof parsed.last === 'string') return parsed.last;
  } catch {
    // Falls through to the error below.
  }
  const shown = cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor;
  throw invalidArgument(
    `cursor "${shown}" is not a cursor this server returned; pass next_cursor from the previous page unchanged, or empty for the first`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
