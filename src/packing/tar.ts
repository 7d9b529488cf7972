/**
 * Writes entries as a POSIX tar (ustar, pax when names are long; see tar-header.ts) straight into
 * fixed-size segments, the unit the compressor takes. A small file costs one header and one copy into the
 * current segment, with no stream, callback or promise of its own; the padding is free, since segments
 * start zeroed. The generator yields a segment once it is full and pulls the next batch only when asked,
 * so a slow consumer slows the reads and at most one batch is held beyond the segments.
 */
import { ARCHIVE_MTIME, permissionBits, type EntryBatch, type LoadedEntry } from './entry-reader.js';
import { BLOCK, encodeHeader, encodeUstarHeader, END_OF_ARCHIVE_BYTES, paddingAfter, type TarHeader } from './tar-header.js';

const MTIME_SECONDS = Math.floor(ARCHIVE_MTIME.getTime() / 1000);

function header(item: LoadedEntry): TarHeader {
  const { entry } = item;
  const mode = permissionBits(entry);
  if (item.kind === 'directory') return { name: `${entry.path}/`, type: 'directory', mode, size: 0, mtime: MTIME_SECONDS };
  if (item.kind === 'symlink')
    return { name: entry.path, type: 'symlink', mode, size: 0, mtime: MTIME_SECONDS, linkname: entry.linkTarget ?? '' };
  return { name: entry.path, type: 'file', mode, size: item.size, mtime: MTIME_SECONDS };
}

/** Appends bytes to zero-filled segments of `size` bytes, handing each over (never touched again) once full. */
export class SegmentWriter {
  private segment: Uint8Array;
  private at = 0;
  private readonly full: Uint8Array[] = [];

  constructor(private readonly size: number) {
    this.segment = new Uint8Array(size);
  }

  write(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(bytes.length - offset, this.size - this.at);
      this.segment.set(take === bytes.length ? bytes : bytes.subarray(offset, offset + take), this.at);
      offset += take;
      this.advance(take);
    }
  }

  /**
   * The next `count` bytes of the current segment (still zero), to write in place, or null when they
   * do not fit in it; the caller then writes a copy.
   */
  reserve(count: number): Uint8Array | null {
    if (this.size - this.at < count) return null;
    const view = this.segment.subarray(this.at, this.at + count);
    this.advance(count);
    return view;
  }

  /** Zero bytes: the segment already holds them. */
  skip(count: number): void {
    for (let left = count; left > 0;) {
      const take = Math.min(left, this.size - this.at);
      left -= take;
      this.advance(take);
    }
  }

  private advance(count: number): void {
    this.at += count;
    if (this.at < this.size) return;
    this.full.push(this.segment);
    this.segment = new Uint8Array(this.size);
    this.at = 0;
  }

  /** The segments filled since the last call. */
  take(): Uint8Array[] {
    return this.full.splice(0, this.full.length);
  }

  /** What is left of the last segment. */
  rest(): Uint8Array {
    return this.segment.subarray(0, this.at);
  }
}

/** In place when the block fits in the current segment (always, once segments are whole blocks). */
function writeHeader(out: SegmentWriter, fields: TarHeader): void {
  const block = out.reserve(BLOCK);
  if (block === null) out.write(encodeHeader(fields));
  else if (!encodeUstarHeader(block, fields)) {
    // The pax form is three blocks or more; the reserved one is cleared and stands for the first.
    const pax = encodeHeader(fields);
    block.fill(0);
    block.set(pax.subarray(0, BLOCK));
    out.write(pax.subarray(BLOCK));
  }
}

export async function* tarSegments(batches: AsyncIterable<EntryBatch>, segmentBytes: number): AsyncGenerator<Uint8Array> {
  const out = new SegmentWriter(segmentBytes);
  for await (const batch of batches) {
    for (const item of batch.items) {
      writeHeader(out, header(item));
      if (item.kind !== 'file') continue;
      if ('data' in item) out.write(item.data);
      else {
        let written = 0;
        for await (const chunk of item.chunks) {
          out.write(chunk);
          written += chunk.length;
          yield* out.take();
        }
        // The header promised `size` bytes; the reader fails a file that shrinks, so this only guards a bug.
        if (written !== item.size) throw new Error(`tar entry ${item.entry.path}: wrote ${written} of ${item.size} bytes`);
      }
      out.skip(paddingAfter(item.size));
    }
    yield* out.take();
  }
  out.skip(END_OF_ARCHIVE_BYTES);
  yield* out.take();
  const rest = out.rest();
  if (rest.length > 0) yield rest;
}
