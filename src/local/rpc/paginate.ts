import { invalidArgument } from './errors.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export interface Page<T> {
  items: T[];
  /** Empty on the last page. */
  next_cursor: string;
}

/**
 * Cursor pagination over records sorted by a unique key. The cursor is the last key served,
 * base64url-encoded so callers treat it as opaque; records added or removed between pages neither
 * repeat nor shift the rest, which an offset cursor would not guarantee.
 */
export function paginate<T>(records: readonly T[], keyOf: (record: T) => string, limit: number, cursor: string): Page<T> {
  const size = limit === 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
  const after = cursor ? decodeCursor(cursor) : undefined;
  const sorted = [...records].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const remaining = after === undefined ? sorted : sorted.filter((record) => compare(keyOf(record), after) > 0);
  const items = remaining.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    next_cursor: remaining.length > size && last !== undefined ? Buffer.from(keyOf(last), 'utf8').toString('base64url') : '',
  };
}

function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalidArgument(`cursor "${cursor}" is not a cursor this server returned; pass next_cursor from the previous page, or empty for the first`);
  }
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
