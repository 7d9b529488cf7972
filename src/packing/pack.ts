/**
 * Packs a walked context into a tar.gz or zip stream, with the sha256 of the archive bytes computed as
 * they pass. Nothing here holds the archive or a large file in memory: each stage pulls from the one
 * before it, so a slow upload slows the file reads instead of filling a buffer.
 */
import { createHash } from 'node:crypto';
import { CONTENT_TYPES, type ArchiveFormat } from '../archive/formats.js';
import { UserError } from '../shared/errors.js';
import { defaultThreadCount, inlineCompressor, workerCompressor } from './deflate-pool.js';
import { SEGMENT_BYTES, type DeflateLevel } from './deflate-segment.js';
import { gzipStream } from './deflate-stream.js';
import { readEntryBatches, type EntryBatch, type LoadedEntry } from './entry-reader.js';
import { CONTENT_CHECK_BYTES, mayHoldSecretShape, secretReasonInContent } from './secret-files.js';
import { tarSegments } from './tar.js';
import { walkAllowedFolder, type ContextSourceOptions, type Exclusion, type WalkResult } from './walk.js';
import { ZIP_MAX_BYTES, zipStream } from './zip.js';

export interface PackOptions {
  /** `tar.gz` (the dodil CLI's format) by default. */
  format?: ArchiveFormat;
  /** Deflate level 0–9; 6 by default, as `gzip` and `tar czf` use. */
  level?: number;
  /** Compression threads; 0 compresses on the calling thread. The output bytes do not depend on it. */
  threads?: number;
}

export interface PackResult {
  /** `sha256:<hex>` of the archive bytes. */
  digest: string;
  packedBytes: number;
  fileCount: number;
  /** File content bytes read, before compression. */
  totalBytes: number;
  /** The walk's exclusions plus the files whose contents the packer found secret, in path order. */
  excluded: Exclusion[];
}

export interface PackedStream {
  contentType: string;
  /** The archive; read it once, to the end, for `result` to settle. */
  stream: AsyncIterable<Uint8Array>;
  result: Promise<PackResult>;
}

function countedChunks(chunks: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  return (async function* () {
    for await (const chunk of chunks) {
      counter.bytes += chunk.length;
      yield chunk;
    }
  })();
}

/**
 * Counts the bytes read, and leaves out the small text files whose contents hold a certain secret shape
 * (a private key, a provider token), using the bytes already read for the archive: the check costs a
 * regex scan, not a read. Most batches need one scan of their buffer (see mayHoldSecretShape).
 */
async function* checkedBatches(
  batches: AsyncIterable<EntryBatch>,
  found: Exclusion[],
  counter: { bytes: number },
): AsyncGenerator<EntryBatch> {
  for await (const batch of batches) {
    const scanAll = mayHoldSecretShape(batch.contents);
    const items: LoadedEntry[] = [];
    for (const item of batch.items) {
      if (item.kind !== 'file') items.push(item);
      else if (!('data' in item)) items.push({ ...item, chunks: countedChunks(item.chunks, counter) });
      else {
        const unscanned = item.data.buffer !== batch.contents.buffer;
        if (!item.entry.checked && item.data.length <= CONTENT_CHECK_BYTES && (scanAll || unscanned)) {
          const reason = secretReasonInContent(item.data);
          if (reason !== null) {
            found.push({ path: item.entry.path, reason: 'secret-file', detail: reason });
            continue;
          }
        }
        counter.bytes += item.data.length;
        items.push(item);
      }
    }
    yield { items, contents: batch.contents };
  }
}

function byPath(items: Exclusion[]): Exclusion[] {
  return items.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

function checkFormatLimits(walk: WalkResult, format: ArchiveFormat): void {
  if (format !== 'zip' || walk.totalBytes <= ZIP_MAX_BYTES) return;
  throw new UserError(
    `This context (${walk.entries.length} entries, ${walk.totalBytes} bytes) is too large for a zip without ZIP64 sizes; ` +
      `use format "tar.gz", which has no such limit.`,
    'Pass format "tar.gz".',
    { code: 'CONTEXT_TOO_LARGE_FOR_ZIP' },
  );
}

export function packWalkedContext(walk: WalkResult, options: PackOptions = {}): PackedStream {
  const format = options.format ?? 'tar.gz';
  const requested = options.level ?? 6;
  if (!Number.isInteger(requested) || requested < 0 || requested > 9) {
    throw new Error(`Compression level must be an integer from 0 to 9, got ${requested}`);
  }
  const level = requested as DeflateLevel;
  checkFormatLimits(walk, format);
  const threads = options.threads ?? defaultThreadCount();
  let settle!: { resolve: (r: PackResult) => void; reject: (e: unknown) => void };
  const result = new Promise<PackResult>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => {});

  async function* archive(): AsyncGenerator<Uint8Array> {
    const inPlace = inlineCompressor();
    // Workers only pay for themselves once there are several segments to spread over them.
    const compressor = threads > 0 && walk.totalBytes >= 2 * SEGMENT_BYTES ? workerCompressor(threads) : inPlace;
    const hash = createHash('sha256');
    const read = { bytes: 0 };
    const found: Exclusion[] = [];
    let packedBytes = 0;
    try {
      const batches = checkedBatches(readEntryBatches(walk.root, walk.entries), found, read);
      const bytes =
        format === 'zip'
          ? zipStream(batches, compressor, inPlace, level)
          : gzipStream(tarSegments(batches, SEGMENT_BYTES), compressor, inPlace, level);
      for await (const chunk of bytes) {
        hash.update(chunk);
        packedBytes += chunk.length;
        yield chunk;
      }
      const digest = `sha256:${hash.digest('hex')}`;
      const excluded = found.length === 0 ? walk.excluded : byPath([...walk.excluded, ...found]);
      settle.resolve({ digest, packedBytes, fileCount: walk.fileCount - found.length, totalBytes: read.bytes, excluded });
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      settle.reject(new Error('The archive stream was not read to the end'));
      await compressor.close();
    }
  }
  const stream = archive();
  // A generator closed before its first next() never runs its body, so its finally cannot settle `result`.
  const closeStream = stream.return.bind(stream);
  stream.return = (value) => {
    settle.reject(new Error('The archive stream was not read to the end'));
    return closeStream(value);
  };
  return { contentType: CONTENT_TYPES[format], stream, result };
}

export interface PackedContext extends PackedStream {
  /** The normalised real path that was packed, to echo back to the caller. */
  folder: string;
  format: ArchiveFormat;
  fileCount: number;
  totalBytes: number;
  excluded: Exclusion[];
  ignoreSource: WalkResult['ignoreSource'];
  dockerfile: WalkResult['dockerfile'];
  secretFilesSent: WalkResult['secretFilesSent'];
}

/** Checks the folder against the allowed roots, walks it (failing early on limits) and returns the archive stream. */
export async function packContext(options: ContextSourceOptions & PackOptions): Promise<PackedContext> {
  const walk = await walkAllowedFolder(options);
  const format = options.format ?? 'tar.gz';
  return {
    ...packWalkedContext(walk, options),
    folder: walk.root,
    format,
    fileCount: walk.fileCount,
    totalBytes: walk.totalBytes,
    excluded: walk.excluded,
    ignoreSource: walk.ignoreSource,
    dockerfile: walk.dockerfile,
    secretFilesSent: walk.secretFilesSent,
  };
}
