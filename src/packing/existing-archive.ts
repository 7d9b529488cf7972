/**
 * An archive the user already has (`.tar.gz`, `.tgz`, `.zip`) is sent as is, but only after one streaming
 * pass proves it decompresses and that no entry could land outside the build directory. The bytes are
 * hashed in that pass and again while sending, so a file swapped in between is caught.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolveAllowedPath, type PathDialectOptions } from './allowed-roots.js';
import { validateTarGz, validateZip, type DecompressionBudget } from './archive-validation.js';
import { fileChunks } from './chunks.js';
import { DEFAULT_LIMITS } from './limits.js';
import { CONTENT_TYPES, contextFormatOf, sniffArchive, SNIFF_BYTES, type ArchiveFormat } from '../archive/formats.js';

export interface ExistingArchive {
  /** The normalised real path, to echo back. */
  path: string;
  format: ArchiveFormat;
  contentType: string;
  sizeBytes: number;
  /** `sha256:<hex>` of the file bytes. */
  digest: string;
  entryCount: number;
  /** A fresh read of the file on each call; throws if its bytes no longer match `digest`. */
  stream(): AsyncGenerator<Uint8Array>;
}

export class InvalidArchiveError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} cannot be used as a build context: ${reason}`);
    this.name = 'InvalidArchiveError';
  }
}

export interface ArchiveBudget {
  /** Most file content the archive may unpack to; the default context limit (2 GiB) when unset. */
  maxUnpackedBytes?: number | undefined;
  /** Most it may expand beyond its own size; 200x, as the local Ignite unpacks. */
  maxRatio?: number;
}

export async function openExistingArchive(
  input: string,
  allowedRoots: readonly string[],
  pathOptions?: PathDialectOptions,
  limits: ArchiveBudget = {},
): Promise<ExistingArchive> {
  const file = await resolveAllowedPath(input, allowedRoots, pathOptions);
  // Not through a link swapped in after the check, and not waiting on a FIFO named like an archive.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  let format: ArchiveFormat | undefined;
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const onBytes = (chunk: Uint8Array) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
  };
  let entryCount: number;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InvalidArchiveError(file, 'not a regular file');
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    format = contextFormatOf(sniffArchive(head.subarray(0, bytesRead)));
    if (format === undefined) throw new InvalidArchiveError(file, 'not a gzip-compressed tar or a zip (checked the first bytes)');
    const budget: DecompressionBudget = {
      archiveBytes: stats.size,
      maxContentBytes: limits.maxUnpackedBytes ?? DEFAULT_LIMITS.maxTotalBytes,
      maxRatio: limits.maxRatio ?? 200,
    };
    entryCount =
      format === 'zip' ? await validateZip(file, handle, stats.size, onBytes, budget) : await validateTarGz(file, onBytes, budget);
  } catch (error) {
    if (error instanceof InvalidArchiveError) throw error;
    throw new InvalidArchiveError(file, error instanceof Error ? error.message : String(error));
  } finally {
    await handle.close();
  }
  const digest = `sha256:${hash.digest('hex')}`;
  return {
    path: file,
    format,
    contentType: CONTENT_TYPES[format],
    sizeBytes,
    digest,
    entryCount,
    async *stream() {
      const again = createHash('sha256');
      for await (const chunk of fileChunks(file)) {
        again.update(chunk);
        yield chunk;
      }
      if (`sha256:${again.digest('hex')}` !== digest) throw new InvalidArchiveError(file, 'it changed after it was validated');
    },
  };
}
