/**
 * Shapes an archive stream for the two ways Ignite accepts a context: inline `zipped_code` below 4 MB,
 * or `UploadBuildContext` messages of about 512 KB.
 */

import { open } from 'node:fs/promises';

/** Chunk size for UploadBuildContext; the API recommends about 512 KB. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/** Inline contexts (`zipped_code`, `from_code.archive`) must be under 4 MB, gRPC's default message cap. */
export const INLINE_CONTEXT_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Re-cuts a stream into chunks of exactly `size` bytes (the last may be shorter), copying each byte
 * at most once: upload messages by default, and the compressor's fixed-size segments. A piece that is
 * already exactly one chunk, arriving on a chunk boundary, is passed on as it is (the tar writer makes
 * its segments that size); like every piece, it then belongs to the consumer.
 */
export async function* uploadChunks(source: AsyncIterable<Uint8Array>, size: number = UPLOAD_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  if (!Number.isInteger(size) || size <= 0) throw new Error(`Chunk size must be a positive integer, got ${size}`);
  let chunk = new Uint8Array(size);
  let filled = 0;
  for await (const piece of source) {
    if (filled === 0 && piece.length === size) {
      yield piece;
      continue;
    }
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(piece.length - offset, size - filled);
      chunk.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield chunk;
        chunk = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.subarray(0, filled);
}

export type InlineDecision =
  | { kind: 'inline'; bytes: Uint8Array }
  | {
      kind: 'too-big-for-inline';
      /** Bytes read before the limit was passed; they are replayed at the start of `stream`. */
      bytesSeen: number;
      /** The whole archive, for upload; read it to the end or call return() to release the packer. */
      stream: AsyncGenerator<Uint8Array>;
    };

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Reads the archive into memory only while it stays under `limit`. As soon as it passes, reading stops
 * and the caller gets a stream that replays what was read and continues, so nothing is packed twice.
 */
export async function inlineIfSmall(
  source: AsyncIterable<Uint8Array>,
  limit: number = INLINE_CONTEXT_LIMIT_BYTES,
): Promise<InlineDecision> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { kind: 'inline', bytes: concat(parts, total) };
    parts.push(next.value);
    total += next.value.length;
    if (total >= limit) break;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* parts.splice(0, parts.length);
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { kind: 'too-big-for-inline', bytesSeen: total, stream: replay() };
}

/** A file as upload-sized chunks, each in its own buffer so a consumer may keep it. */
export async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(UPLOAD_CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
