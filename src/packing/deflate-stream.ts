/**
 * A raw DEFLATE stream (and its gzip wrapper) built from independently compressed segments, so several
 * threads can work on one archive while the bytes stay identical to a single-threaded run.
 */
import { crc32 } from 'node:zlib';
import { uploadChunks } from './chunks.js';
import type { SegmentCompressor } from './deflate-pool.js';
import { FINAL_BLOCK, SEGMENT_BYTES, WINDOW_BYTES, type DeflateLevel } from './deflate-segment.js';

/** Filled in as the stream is consumed: CRC-32 and length of the uncompressed input. */
export interface DeflateTotals {
  crc: number;
  size: number;
}

/** Segments this small compress faster in place than the round trip to a worker costs. */
const IN_PLACE_BELOW = 128 * 1024;

export async function* deflateRaw(
  source: AsyncIterable<Uint8Array>,
  compressor: SegmentCompressor,
  inPlace: SegmentCompressor,
  level: DeflateLevel,
  totals: DeflateTotals,
): AsyncGenerator<Uint8Array> {
  const inFlight: Promise<Uint8Array>[] = [];
  const maxInFlight = Math.max(2, compressor.parallelism * 2);
  let history: Uint8Array = new Uint8Array(0);

  const submit = (data: Uint8Array) => {
    totals.crc = crc32(data, totals.crc);
    totals.size += data.length;
    // A copy (a Buffer's slice would be a view), since `data` may be handed to a worker.
    const nextHistory = new Uint8Array(data.subarray(Math.max(0, data.length - WINDOW_BYTES)));
    const engine = data.length < IN_PLACE_BELOW ? inPlace : compressor;
    const job = engine.compress(data, history, level);
    // Rejections surface when the job is awaited in order; this only stops an early one being "unhandled".
    job.catch(() => {});
    inFlight.push(job);
    history = nextHistory;
  };

  for await (const piece of uploadChunks(source, SEGMENT_BYTES)) {
    submit(piece);
    while (inFlight.length >= maxInFlight) yield await (inFlight.shift() as Promise<Uint8Array>);
  }
  while (inFlight.length > 0) yield await (inFlight.shift() as Promise<Uint8Array>);
  yield FINAL_BLOCK;
}

/** RFC 1952 header with no name and mtime 0, so the wrapper adds nothing machine-specific. */
const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

export async function* gzipStream(
  source: AsyncIterable<Uint8Array>,
  compressor: SegmentCompressor,
  inPlace: SegmentCompressor,
  level: DeflateLevel,
): AsyncGenerator<Uint8Array> {
  yield GZIP_HEADER;
  const totals: DeflateTotals = { crc: 0, size: 0 };
  yield* deflateRaw(source, compressor, inPlace, level, totals);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, totals.crc >>> 0, true);
  view.setUint32(4, totals.size % 2 ** 32, true);
  yield trailer;
}
