/**
 * One segment of a raw DEFLATE stream, compressed independently so segments can run on several threads
 * (as pigz does) and still join into a single standard stream. The output depends only on the bytes, the
 * 32 KiB of history before them and the level, so it is identical whichever thread computes it.
 */

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** What deflateSegment needs from fflate and node:zlib, passed in so the function can run in a worker. */
export interface SegmentCodec {
  Deflate: new (
    options: { level: DeflateLevel; dictionary?: Uint8Array },
    ondata: (chunk: Uint8Array, final: boolean) => void,
  ) => { push(chunk: Uint8Array, final?: boolean): void; flush(sync?: boolean): void };
  inflateRawSync(data: Uint8Array, options: { dictionary?: Uint8Array; finishFlush: number }): { equals(other: Uint8Array): boolean };
  /** zlib's Z_SYNC_FLUSH, so inflating a segment that does not end the stream is not an error. */
  syncFlush: number;
}

/** Segment size of the multi-threaded stream; big enough that messaging costs little, small enough to pipeline. */
export const SEGMENT_BYTES = 1024 * 1024;

/** The DEFLATE window: the most history a segment can refer back to. */
export const WINDOW_BYTES = 32 * 1024;

/**
 * Compresses `data`, ending on a byte boundary after a non-final block so the next segment can follow.
 *
 * - Blocks of 64 KiB whose byte entropy is above 7.95 bits (already compressed or random data) are stored:
 *   gzip -6 gains under 1% on them and spends most of its time there. The entropy is taken over the
 *   first 16 KiB of each block, which classifies as well at a quarter of the cost.
 * - fflate 0.8.3's streaming Deflate writes a corrupt sync marker in flush(true) (fflate #267), so the
 *   marker is written here from the bit state. On its first push it can also emit matches into the
 *   zero-filled part of its window that holds no real history (#260, #282; fix proposed in #261). A run
 *   with less than 32 KiB of history before it (the start of a stream or of a zip entry) is therefore
 *   inflated back with zlib and stored instead if it does not come back byte for byte. Both outcomes
 *   depend only on the data, so the output stays deterministic.
 *
 * This function is serialised with toString() into worker threads, so it must stay self-contained:
 * no imports, no helper functions, no references to anything outside its own body.
 */
export function deflateSegment(codec: SegmentCodec, data: Uint8Array, history: Uint8Array, level: DeflateLevel): Uint8Array {
  const block = 65536;
  const sample = 16384;
  const window = 32768;
  const parts: Uint8Array[] = [];
  // Four histograms filled in turn break the dependency between neighbouring bytes; about 40% faster.
  const c0 = new Uint32Array(256);
  const c1 = new Uint32Array(256);
  const c2 = new Uint32Array(256);
  const c3 = new Uint32Array(256);
  let total = 0;
  let start = 0;
  while (start < data.length) {
    let end = start;
    let stored = false;
    while (end < data.length) {
      const stop = Math.min(end + block, data.length);
      c0.fill(0);
      c1.fill(0);
      c2.fill(0);
      c3.fill(0);
      const sampled = Math.min(stop, end + sample);
      let i = end;
      for (; i + 3 < sampled; i += 4) {
        const a = data[i]!;
        const b = data[i + 1]!;
        const c = data[i + 2]!;
        const d = data[i + 3]!;
        c0[a] = c0[a]! + 1;
        c1[b] = c1[b]! + 1;
        c2[c] = c2[c]! + 1;
        c3[d] = c3[d]! + 1;
      }
      for (; i < sampled; i++) c0[data[i]!] = c0[data[i]!]! + 1;
      let entropy = 0;
      for (let symbol = 0; symbol < 256; symbol++) {
        const p = (c0[symbol]! + c1[symbol]! + c2[symbol]! + c3[symbol]!) / (sampled - end);
        if (p > 0) entropy -= p * Math.log2(p);
      }
      const incompressible = level === 0 || (sampled - end >= 4096 && entropy > 7.95);
      if (end === start) stored = incompressible;
      else if (incompressible !== stored) break;
      end = stop;
    }
    const run = data.subarray(start, end);
    let compressed: Uint8Array | null = null;
    if (!stored) {
      let dictionary = data.subarray(Math.max(0, start - window), start);
      if (start < window && history.length > 0) {
        const older = history.subarray(Math.max(0, history.length - (window - start)));
        dictionary = new Uint8Array(older.length + start);
        dictionary.set(older);
        dictionary.set(data.subarray(0, start), older.length);
      }
      const pieces: Uint8Array[] = [];
      let size = 0;
      const deflater = new codec.Deflate(dictionary.length > 0 ? { level, dictionary } : { level }, (chunk) => {
        pieces.push(chunk);
        size += chunk.length;
      });
      deflater.push(run, false);
      deflater.flush(false);
      // The empty stored block of a sync flush, from fflate's bit state `s.r` (bit offset | pending byte << 3):
      // three zero header bits, which spill into one more byte past bit 5, then LEN 0000 and NLEN FFFF.
      const bits = (deflater as unknown as { s?: { r?: unknown } }).s?.r;
      if (typeof bits !== 'number') throw new Error('fflate internals changed: Deflate has no bit state s.r');
      const marker = new Uint8Array((bits & 7) + 3 > 8 ? [bits >> 3, 0, 0, 0, 0xff, 0xff] : [bits >> 3, 0, 0, 0xff, 0xff]);
      pieces.push(marker);
      size += marker.length;
      compressed = new Uint8Array(size);
      let at = 0;
      for (const piece of pieces) {
        compressed.set(piece, at);
        at += piece.length;
      }
      if (dictionary.length < window) {
        try {
          const options = dictionary.length > 0 ? { dictionary, finishFlush: codec.syncFlush } : { finishFlush: codec.syncFlush };
          if (!codec.inflateRawSync(compressed, options).equals(run)) compressed = null;
        } catch {
          compressed = null;
        }
      }
    }
    if (compressed !== null) {
      parts.push(compressed);
      total += compressed.length;
    } else {
      for (let offset = 0; offset < run.length; offset += 65535) {
        const length = Math.min(65535, run.length - offset);
        const out = new Uint8Array(5 + length);
        out[1] = length & 255;
        out[2] = length >>> 8;
        out[3] = ~length & 255;
        out[4] = (~length >>> 8) & 255;
        out.set(run.subarray(offset, offset + length), 5);
        parts.push(out);
        total += out.length;
      }
    }
    start = end;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** The empty final block (BFINAL=1, fixed Huffman, end-of-block) that closes a stream of segments. */
export const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);
