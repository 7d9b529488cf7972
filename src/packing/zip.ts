/**
 * Writes entries as a zip with fflate's streaming Zip. File data is compressed by the same segmented
 * deflate as tar.gz (so large files use every core); Unix modes go in the external attributes so
 * executables and symlinks survive `unzip`.
 */
import { crc32 } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { permissionBits, type LoadedEntry } from './entry-reader.js';
import type { SegmentCompressor } from './deflate-pool.js';
import type { DeflateLevel } from './deflate-segment.js';
import { deflateRaw, type DeflateTotals } from './deflate-stream.js';

/** fflate writes neither ZIP64 records nor more entries than the classic format holds. */
export const ZIP_MAX_ENTRIES = 65_535;
export const ZIP_MAX_BYTES = 0xffff_ffff - 64 * 1024 * 1024;

// DOS timestamps are local time, so build the date from local fields to get 2000-01-01 00:00 everywhere.
const ZIP_MTIME = new Date(2000, 0, 1);
const UNIX_TYPE = { file: 0o100000, directory: 0o040000, symlink: 0o120000 } as const;
const DOS_DIRECTORY = 0x10;

function zipFile(item: LoadedEntry, name: string, compression: number): ZipInputFile {
  const mode = UNIX_TYPE[item.entry.kind] | permissionBits(item.entry);
  const attrs = ((mode << 16) >>> 0) | (item.kind === 'directory' ? DOS_DIRECTORY : 0);
  return { filename: name, size: 0, crc: 0, compression, os: 3, attrs, mtime: ZIP_MTIME };
}

function emit(file: ZipInputFile, chunk: Uint8Array, final: boolean): void {
  if (file.ondata === undefined) throw new Error('zip entry was not added');
  file.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
}

async function* fileBody(item: LoadedEntry): AsyncGenerator<Uint8Array> {
  if (item.kind !== 'file') return;
  if ('data' in item) yield item.data;
  else yield* item.chunks;
}

export async function* zipStream(
  items: AsyncIterable<LoadedEntry>,
  compressor: SegmentCompressor,
  inPlace: SegmentCompressor,
  level: DeflateLevel,
): AsyncGenerator<Uint8Array> {
  const output: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else output.push(chunk);
  });
  const drain = function* () {
    if (failure !== null) throw failure;
    yield* output.splice(0, output.length);
  };
  for await (const item of items) {
    if (item.kind === 'file') {
      const file = zipFile(item, item.entry.path, 8);
      zip.add(file);
      const totals: DeflateTotals = { crc: 0, size: 0 };
      for await (const compressed of deflateRaw(fileBody(item), compressor, inPlace, level, totals)) {
        emit(file, compressed, false);
        yield* drain();
      }
      file.crc = totals.crc >>> 0;
      file.size = totals.size;
      emit(file, new Uint8Array(0), true);
    } else {
      const name = item.kind === 'directory' ? `${item.entry.path}/` : item.entry.path;
      const body = item.kind === 'symlink' ? new TextEncoder().encode(item.entry.linkTarget ?? '') : new Uint8Array(0);
      const file = zipFile(item, name, 0);
      file.crc = crc32(body) >>> 0;
      file.size = body.length;
      zip.add(file);
      emit(file, body, true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
}
