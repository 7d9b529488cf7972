/**
 * Reads a zip's central directory, which is what extractors trust: the streamed local headers can say
 * one thing and the directory another. The packer checks an existing archive's names and symlinks with
 * it, and the local builder unpacks from it, so both read ZIP64 (more than 65,535 entries, or sizes and
 * offsets past 4 GiB) the same way.
 */
import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

export interface ZipDirectoryEntry {
  name: string;
  method: number;
  /** General purpose flags: bit 0 is encryption, bit 11 UTF-8 names. */
  flags: number;
  crc: number;
  compressedSize: number;
  localHeaderOffset: number;
  /** The Unix mode from the external attributes, when the archive was made on Unix and sets one. */
  unixMode: number | undefined;
  isSymlink: boolean;
}

/** Record signatures, for the packer's writer too. */
export const ZIP_SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
} as const;
const MADE_BY_UNIX = 3;
const UTF8_NAMES = 0x800;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const MAX_LINK_BYTES = 4096;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error('zip is truncated');
  return buffer;
}

async function locateDirectory(handle: FileHandle, size: number): Promise<{ offset: number; length: number; count: number }> {
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === ZIP_SIGNATURE.end) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error('no zip end-of-central-directory record');
  let count = tail.readUInt16LE(at + 10);
  let length = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (
    (count === 0xffff || length === 0xffffffff || offset === 0xffffffff) &&
    at >= 20 &&
    tail.readUInt32LE(at - 20) === ZIP_SIGNATURE.zip64Locator
  ) {
    const record = await readAt(handle, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (record.readUInt32LE(0) !== ZIP_SIGNATURE.zip64End) throw new Error('bad ZIP64 end-of-central-directory record');
    count = Number(record.readBigUInt64LE(32));
    length = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (length > MAX_DIRECTORY_BYTES || offset + length > size) throw new Error('zip central directory is too large or out of range');
  return { offset, length, count };
}

/** ZIP64 stores real sizes and offsets in extra field 0x0001 when the classic fields hold 0xFFFFFFFF. */
function zip64Values(extra: Buffer, wanted: number[]): number[] {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      return wanted.map((value) => {
        if (value !== 0xffffffff || at + 8 > i + 4 + length) return value;
        const big = Number(extra.readBigUInt64LE(at));
        at += 8;
        return big;
      });
    }
    i += 4 + length;
  }
  return wanted;
}

/**
 * Bit 11 marks UTF-8; without it the spec says CP437, but zip tools on Unix write UTF-8 and leave the
 * bit clear, so valid UTF-8 is read as such and anything else byte for byte.
 */
function entryName(raw: Buffer, flags: number): string {
  return raw.toString(flags & UTF8_NAMES || isUtf8(raw) ? 'utf8' : 'latin1');
}

export async function readZipDirectory(handle: FileHandle, size: number): Promise<ZipDirectoryEntry[]> {
  const { offset, length, count } = await locateDirectory(handle, size);
  const directory = await readAt(handle, offset, length);
  const entries: ZipDirectoryEntry[] = [];
  let at = 0;
  while (entries.length < count) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== ZIP_SIGNATURE.central)
      throw new Error('corrupt zip central directory');
    const madeBy = directory.readUInt8(at + 5);
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const mode = directory.readUInt32LE(at + 38) >>> 16;
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const [, compressedSize = 0, localHeaderOffset = 0] = zip64Values(extra, [
      directory.readUInt32LE(at + 24),
      directory.readUInt32LE(at + 20),
      directory.readUInt32LE(at + 42),
    ]);
    const unixMode = madeBy === MADE_BY_UNIX && mode !== 0 ? mode : undefined;
    entries.push({
      name: entryName(rawName, flags),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc: directory.readUInt32LE(at + 16),
      compressedSize,
      localHeaderOffset,
      unixMode,
      isSymlink: unixMode !== undefined && (unixMode & 0o170000) === 0o120000,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  // An end record whose count was cut to 16 bits (a writer without ZIP64) would hide the rest.
  if (at + 4 <= directory.length && directory.readUInt32LE(at) === ZIP_SIGNATURE.central)
    throw new Error('zip central directory holds more entries than its end record says');
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field lengths may differ from the directory's. */
export async function zipEntryDataStart(handle: FileHandle, entry: ZipDirectoryEntry): Promise<number> {
  const local = await readAt(handle, entry.localHeaderOffset, 30);
  if (local.readUInt32LE(0) !== ZIP_SIGNATURE.local) throw new Error(`bad local header for ${entry.name}`);
  return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** A symlink's target is its (small) file content. */
export async function readZipLinkTarget(handle: FileHandle, entry: ZipDirectoryEntry): Promise<string> {
  if (entry.compressedSize > MAX_LINK_BYTES) throw new Error(`symlink ${entry.name} has an oversized target`);
  const data = await readAt(handle, await zipEntryDataStart(handle, entry), entry.compressedSize);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method === 8) return inflateRawSync(data).toString('utf8');
  throw new Error(`symlink ${entry.name} uses unsupported compression method ${entry.method}`);
}
