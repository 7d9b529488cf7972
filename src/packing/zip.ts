/**
 * Writes entries as a zip with fflate's streaming Zip. File data is compressed by the same segmented
 * deflate as tar.gz (so large files use every core); Unix modes go in the external attributes so
 * executables and symlinks survive `unzip`. Past 65,535 entries the end of the archive is ours (see
 * withZip64End).
 */
import { crc32 } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { ZIP_SIGNATURE } from '../archive/zip-directory.js';
import { permissionBits, type EntryBatch, type LoadedEntry } from './entry-reader.js';
import type { SegmentCompressor } from './deflate-pool.js';
import type { DeflateLevel } from './deflate-segment.js';
import { deflateRaw, type DeflateTotals } from './deflate-stream.js';

/**
 * fflate writes no ZIP64 fields, so every size and offset must fit in 32 bits; the margin is for
 * headers and incompressible data growing a little under deflate.
 */
export const ZIP_MAX_BYTES = 0xffff_ffff - 64 * 1024 * 1024;
const CLASSIC_MAX_ENTRIES = 0xffff;
const EOCD_BYTES = 22;
const ZIP64_VERSION = 45;

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

/**
 * fflate ends a zip with a classic end record only, whose 16-bit entry counts it silently wraps past
 * 65,535. The central directory before it is right, and with ZIP_MAX_BYTES so are its offsets, so
 * only the end needs replacing: a ZIP64 end record and locator with the real count, then a classic
 * end record saying 0xFFFF, which tells readers to look for them. Every ZIP64 reader (unzip, Python,
 * Go, our own) then takes the archive, so this is cheaper for users than refusing large contexts as
 * zip and correct where fflate's own end record is not.
 */
export function withZip64End(tail: Uint8Array, directoryOffset: number, entries: number): Uint8Array {
  if (entries <= CLASSIC_MAX_ENTRIES) return tail;
  const fflateEnd = Buffer.from(tail.buffer, tail.byteOffset, tail.length);
  const directoryLength = tail.length - EOCD_BYTES;
  if (directoryLength < 0 || fflateEnd.readUInt32LE(directoryLength) !== ZIP_SIGNATURE.end)
    throw new Error('the zip writer did not end with an end record');
  const out = Buffer.alloc(directoryLength + 56 + 20 + EOCD_BYTES);
  fflateEnd.copy(out, 0, 0, directoryLength);
  const record = directoryLength;
  out.writeUInt32LE(ZIP_SIGNATURE.zip64End, record);
  out.writeBigUInt64LE(44n, record + 4);
  out.writeUInt16LE((3 << 8) | ZIP64_VERSION, record + 12);
  out.writeUInt16LE(ZIP64_VERSION, record + 14);
  out.writeBigUInt64LE(BigInt(entries), record + 24);
  out.writeBigUInt64LE(BigInt(entries), record + 32);
  out.writeBigUInt64LE(BigInt(directoryLength), record + 40);
  out.writeBigUInt64LE(BigInt(directoryOffset), record + 48);
  const locator = record + 56;
  out.writeUInt32LE(ZIP_SIGNATURE.zip64Locator, locator);
  out.writeBigUInt64LE(BigInt(directoryOffset + directoryLength), locator + 8);
  out.writeUInt32LE(1, locator + 16);
  const end = locator + 20;
  out.writeUInt32LE(ZIP_SIGNATURE.end, end);
  out.writeUInt16LE(CLASSIC_MAX_ENTRIES, end + 8);
  out.writeUInt16LE(CLASSIC_MAX_ENTRIES, end + 10);
  out.writeUInt32LE(directoryLength, end + 12);
  out.writeUInt32LE(directoryOffset, end + 16);
  return out;
}

async function* fileBody(item: LoadedEntry): AsyncGenerator<Uint8Array> {
  if (item.kind !== 'file') return;
  if ('data' in item) yield item.data;
  else yield* item.chunks;
}

export async function* zipStream(
  batches: AsyncIterable<EntryBatch>,
  compressor: SegmentCompressor,
  inPlace: SegmentCompressor,
  level: DeflateLevel,
): AsyncGenerator<Uint8Array> {
  const output: Uint8Array[] = [];
  let failure: Error | null = null;
  let written = 0;
  let entries = 0;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else if (final) output.push(withZip64End(chunk, written, entries));
    else {
      written += chunk.length;
      output.push(chunk);
    }
  });
  const drain = function* () {
    if (failure !== null) throw failure;
    yield* output.splice(0, output.length);
  };
  for await (const batch of batches) {
    for (const item of batch.items) {
      entries += 1;
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
  }
  zip.end();
  yield* drain();
}
