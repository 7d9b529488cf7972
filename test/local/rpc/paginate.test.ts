import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { paginate, type PageRules } from '../../../src/local/rpc/paginate.js';

const keys = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `k${String(i).padStart(3, '0')}` }));
const byId: PageRules<{ id: string }> = { keyOf: (record) => record.id };

function allPages<T>(records: T[], limit: number, rules: PageRules<T>): T[][] {
  const pages: T[][] = [];
  let cursor = '';
  do {
    const page = paginate(records, { limit, cursor }, rules);
    pages.push(page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return pages;
}

describe('paginate', () => {
  it('serves every record once, in key order, whichever order they are stored in', () => {
    const records = keys(7).reverse();
    const pages = allPages(records, 3, byId);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((record) => record.id)).toEqual(keys(7).map((record) => record.id));
  });

  it('pages newest first when the order is descending', () => {
    const pages = allPages(keys(5), 2, { ...byId, order: 'descending' });
    expect(pages.flat().map((record) => record.id)).toEqual(['k004', 'k003', 'k002', 'k001', 'k000']);
  });

  it('takes the default size for limit 0 and caps larger limits, per RPC', () => {
    const records = keys(30);
    expect(paginate(records, { limit: 0, cursor: '' }, { ...byId, defaultSize: 20, maxSize: 25 }).items).toHaveLength(20);
    expect(paginate(records, { limit: 1000, cursor: '' }, { ...byId, defaultSize: 20, maxSize: 25 }).items).toHaveLength(25);
    expect(paginate(records, { limit: 0, cursor: '' }, byId).items).toHaveLength(30);
  });

  it('neither repeats nor skips a record when one is removed between pages', () => {
    const records = keys(6);
    const first = paginate(records, { limit: 2, cursor: '' }, byId);
    const rest = records.filter((record) => record.id !== 'k001' && record.id !== 'k002');
    const second = paginate(rest, { limit: 2, cursor: first.next_cursor }, byId);
    expect(second.items.map((record) => record.id)).toEqual(['k003', 'k004']);
  });

  it('refuses a cursor it did not issue, including one that looks like base64url', () => {
    for (const cursor of [
      'garbage',
      'not a cursor!',
      Buffer.from('k001').toString('base64url'),
      Buffer.from('{"v":2,"last":"k"}').toString('base64url'),
    ]) {
      expect(() => paginate(keys(3), { limit: 1, cursor }, byId)).toThrow(expect.objectContaining({ code: grpc.status.INVALID_ARGUMENT }));
    }
  });
});
