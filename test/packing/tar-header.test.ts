/**
 * The packer writes tar itself (src/packing/tar.ts) instead of through tar-stream, and must write the very
 * bytes tar-stream wrote, so a context packs to the same digest as before: compared here on the entries
 * where the formats differ (long and non-ASCII names, long link targets, sizes around block boundaries),
 * whatever the segment size.
 */
import { randomBytes } from 'node:crypto';
import tar from 'tar-stream';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_MTIME, permissionBits, type EntryBatch, type LoadedEntry } from '../../src/packing/entry-reader.js';
import { tarSegments } from '../../src/packing/tar.js';
import type { ContextEntry } from '../../src/packing/walk-result.js';
import { collect } from './helpers.js';

function file(relPath: string, data: Uint8Array, executable = false): LoadedEntry {
  return { entry: { path: relPath, kind: 'file', size: data.length, executable }, kind: 'file', size: data.length, data };
}
const dir = (relPath: string): LoadedEntry => ({
  entry: { path: relPath, kind: 'directory', size: 0, executable: true },
  kind: 'directory',
});
const link = (relPath: string, target: string): LoadedEntry => ({
  entry: { path: relPath, kind: 'symlink', size: 0, executable: false, linkTarget: target },
  kind: 'symlink',
});

/** How the packer wrote entries with tar-stream before (the removed src/packing/tar.ts). */
async function withTarStream(items: LoadedEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const out = collect(pack as AsyncIterable<Uint8Array>);
  for (const item of items) {
    const entry: ContextEntry = item.entry;
    const common = { mode: permissionBits(entry), mtime: ARCHIVE_MTIME, uid: 0, gid: 0, uname: '', gname: '' };
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (item.kind === 'directory') pack.entry({ ...common, name: `${entry.path}/`, type: 'directory' }, done);
      else if (item.kind === 'symlink')
        pack.entry({ ...common, name: entry.path, type: 'symlink', linkname: entry.linkTarget ?? '' }, done);
      else if ('data' in item) pack.entry({ ...common, name: entry.path, type: 'file', size: item.size }, Buffer.from(item.data), done);
    });
  }
  pack.finalize();
  return out;
}

async function* batches(items: LoadedEntry[], perBatch: number): AsyncGenerator<EntryBatch> {
  for (let i = 0; i < items.length; i += perBatch) yield { items: items.slice(i, i + perBatch), contents: new Uint8Array(0) };
}

const long = (n: number, c = 'a') => c.repeat(n);
const awkward: LoadedEntry[] = [
  dir('d'),
  file('d/empty', new Uint8Array(0)),
  file('d/one', Buffer.from('x')),
  file('d/block', randomBytes(512)),
  file('d/block-and-one', randomBytes(513), true),
  file(`d/${long(100)}`, Buffer.from('name of exactly 100 bytes')),
  file(`d/${long(101)}`, Buffer.from('name of 101 bytes: pax')),
  file(`${long(150, 'p')}/${long(99, 'n')}`, Buffer.from('prefix and name')),
  file(`${long(160, 'p')}/short`, Buffer.from('prefix too long: pax')),
  file('d/ñame-ünicode.txt', Buffer.from('non-ASCII name: pax')),
  dir(`${long(120, 'q')}`),
  link('d/to-one', 'one'),
  link('d/to-far', `../${long(120, 't')}`),
  link('d/ünicode-link', 'ñ'),
  link('d/to-ünicode', 'ñame-ünicode.txt'),
  file('d/big', randomBytes(70_000)),
];

describe('the tar writer', () => {
  it('writes the bytes tar-stream wrote, on names and sizes where the formats differ', async () => {
    const expected = await withTarStream(awkward);
    for (const [perBatch, segment] of [
      [1, 512],
      [3, 1000],
      [100, 1024 * 1024],
    ] as const) {
      expect((await collect(tarSegments(batches(awkward, perBatch), segment))).equals(expected), `${perBatch}/${segment}`).toBe(true);
    }
  });

  it('writes the bytes tar-stream wrote for any ASCII or Unicode path (property)', async () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._ñü€-]{1,60}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.nat(1500), async (parts, size) => {
        const items = [file(parts.join('/'), randomBytes(size)), link(`${parts.join('/')}-link`, parts.join('/'))];
        expect((await collect(tarSegments(batches(items, 1), 4096))).equals(await withTarStream(items))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('yields full segments of the asked size, then the rest', async () => {
    const segments: Uint8Array[] = [];
    for await (const segment of tarSegments(batches(awkward, 4), 4096)) segments.push(segment);
    expect(segments.slice(0, -1).every((s) => s.length === 4096)).toBe(true);
    expect(segments.at(-1)!.length).toBeGreaterThan(0);
  });
});
