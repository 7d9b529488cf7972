import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync, gunzipSync as nodeGunzip, inflateRawSync } from 'node:zlib';
import * as fc from 'fast-check';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inlineCompressor, workerCompressor } from '../../src/packing/deflate-pool.js';
import { deflateSegment, FINAL_BLOCK } from '../../src/packing/deflate-segment.js';
import { deflateRaw, gzipStream } from '../../src/packing/deflate-stream.js';

function mixedData(): Uint8Array {
  const text = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `line ${i} ${(i * 7919) % 1013} lorem ipsum dolor\n`).join(''));
  return Buffer.concat([text, randomBytes(1_500_000), text.subarray(0, 500_000), randomBytes(70_000), text]);
}

async function* inPieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe('segmented gzip', () => {
  const data = mixedData();

  it('is a standard gzip stream that zlib, fflate and gzip(1) all decode', async () => {
    const gz = await collect(gzipStream(inPieces(data, 100_000), inlineCompressor(), inlineCompressor(), 6));
    expect(nodeGunzip(gz).equals(data)).toBe(true);
    expect(Buffer.from(gunzipSync(gz)).equals(data)).toBe(true);
    expect(execFileSync('gzip', ['-dc'], { input: gz, maxBuffer: 64 * 1024 * 1024 }).equals(data)).toBe(true);
    // Random stretches are stored, so the archive is barely larger than the random bytes it holds.
    expect(gz.length).toBeLessThan(1_570_000 + 900_000);
  });

  it('gives the same bytes on worker threads as in place, whatever the input chunking', async () => {
    const inline = await collect(gzipStream(inPieces(data, 4096), inlineCompressor(), inlineCompressor(), 6));
    const pool = workerCompressor(2);
    try {
      const threaded = await collect(gzipStream(inPieces(data, 700_001), pool, inlineCompressor(), 6));
      expect(threaded.equals(inline)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("leaves the caller's buffer whole when it sends views of it to the workers", async () => {
    // Segment-sized views pass through the re-cutting untouched; a Buffer's slice() is a view too, so
    // a transfer of anything but a copy would empty the one buffer all the views share.
    const shared = Buffer.from(data.subarray(0, 3 * 1024 * 1024));
    const before = Buffer.from(shared);
    async function* views(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < shared.length; i += 1024 * 1024) yield shared.subarray(i, i + 1024 * 1024);
    }
    const pool = workerCompressor(2);
    try {
      const gz = await collect(gzipStream(views(), pool, inlineCompressor(), 6));
      expect(shared.equals(before)).toBe(true);
      expect(nodeGunzip(gz).equals(before)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('handles empty input and level 0', async () => {
    const empty = await collect(gzipStream(inPieces(new Uint8Array(0), 1), inlineCompressor(), inlineCompressor(), 6));
    expect(nodeGunzip(empty).length).toBe(0);
    const totals = { crc: 0, size: 0 };
    const stored = await collect(deflateRaw(inPieces(data, 65_536), inlineCompressor(), inlineCompressor(), 0, totals));
    expect(inflateRawSync(stored).equals(data)).toBe(true);
    expect(totals.size).toBe(data.length);
  });
});

describe('deflateSegment', () => {
  const codec = { deflateRawSync, syncFlush: constants.Z_SYNC_FLUSH };

  it('ends a long run of one byte with a sync flush that the next segment can follow', () => {
    const data = Buffer.from('a'.repeat(70_000));
    const out = Buffer.concat([deflateSegment(codec, data, new Uint8Array(0), 6), FINAL_BLOCK]);
    expect(inflateRawSync(out).equals(data)).toBe(true);
    expect(out.length).toBeLessThan(1000);
  });

  it('chains segments of any content into one valid stream (property)', () => {
    const piece = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 5000 }),
      fc.tuple(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 3000 })).map(([s, n]) => Buffer.from(s.repeat(n))),
      fc.integer({ min: 1, max: 70_000 }).map((n) => new Uint8Array(n)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(piece, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0, 1, 6, 9),
        (segments, level) => {
          const inputs = segments.map((pieces) => Buffer.concat(pieces));
          let history = new Uint8Array(0);
          const out: Uint8Array[] = [];
          for (const input of inputs) {
            out.push(deflateSegment(codec, input, history, level as 0 | 1 | 6 | 9));
            history = input.subarray(Math.max(0, input.length - 32768));
          }
          out.push(FINAL_BLOCK);
          expect(inflateRawSync(Buffer.concat(out)).equals(Buffer.concat(inputs))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stores random data and compresses the text around it, matching across the boundary', () => {
    // Whole 64 KiB blocks of each, since a block is stored or compressed as a whole.
    const text = Buffer.from('compressible text '.repeat(10_000)).subarray(0, 2 * 65536);
    const random = randomBytes(3 * 65536);
    const data = Buffer.concat([text, random, text]);
    const out = Buffer.concat([deflateSegment(codec, data, new Uint8Array(0), 6), FINAL_BLOCK]);
    expect(inflateRawSync(out).equals(data)).toBe(true);
    // The random part costs its own size plus stored-block headers; the text nearly nothing.
    expect(out.length).toBeGreaterThan(random.length);
    expect(out.length).toBeLessThan(random.length + 2_000);
  });

  it('uses the history before a segment as zlib does in one stream', () => {
    const first = Buffer.from('a segment that the next one repeats. '.repeat(500));
    const second = Buffer.from(first);
    const alone = deflateSegment(codec, second, new Uint8Array(0), 6);
    const after = deflateSegment(codec, second, first.subarray(first.length - 32768), 6);
    expect(after.length).toBeLessThan(alone.length);
    const joined = Buffer.concat([deflateSegment(codec, first, new Uint8Array(0), 6), after, FINAL_BLOCK]);
    expect(inflateRawSync(joined).equals(Buffer.concat([first, second]))).toBe(true);
  });
});
