import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { BuildFailure, checkAborted } from './build-output.js';
import { dirMode, fileMode, replaceWith, writeStream, type ExtractionGuard } from './unpack-guard.js';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const MAX_SYMLINK_TARGET = 4096;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  localHeaderOffset: number;
  /** Unix mode from the external attributes, when the archive was made on Unix. */
  unixMode: number | undefined;
}

/**
 * Reads a zip from its central directory (the authoritative list, unlike the local headers a
 * streaming reader trusts) and inflates one entry at a time, so memory stays bounded. Unix modes
 * and symlinks survive; sizes in headers are never trusted, bytes are counted as they inflate.
 */
export async function unpackZip(file: string, guard: ExtractionGuard, signal: AbortSignal): Promise<void> {
  const handle = await open(file, 'r');
  let entries: ZipEntry[];
  try {
    entries = await readCentralDirectory(handle, guard);
    for (const entry of entries) {
      checkAborted(signal);
      await writeEntry(file, handle, entry, guard, signal);
    }
  } finally {
    await handle.close();
  }
}

async function readCentralDirectory(handle: FileHandle, guard: ExtractionGuard): Promise<ZipEntry[]> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip end of central directory not found');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new BuildFailure('zip64 archives are not supported by the local Ignite; send the context as tar.gz');
  }
  if (cdOffset + cdSize > size) throw new Error('zip central directory lies outside the file');
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    guard.countEntry();
    if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== CENTRAL_SIGNATURE) throw new Error('zip central directory is corrupt');
    const nameLength = cd.readUInt16LE(pos + 28);
    const external = cd.readUInt32LE(pos + 38);
    entries.push({
      name: cd.toString('utf8', pos + 46, pos + 46 + nameLength),
      method: cd.readUInt16LE(pos + 10),
      flags: cd.readUInt16LE(pos + 8),
      crc: cd.readUInt32LE(pos + 16),
      compressedSize: cd.readUInt32LE(pos + 20),
      localHeaderOffset: cd.readUInt32LE(pos + 42),
      unixMode: cd.readUInt8(pos + 5) === MADE_BY_UNIX ? external >>> 16 || undefined : undefined,
    });
    pos += 46 + nameLength + cd.readUInt16LE(pos + 30) + cd.readUInt16LE(pos + 32);
  }
  return entries;
}

async function writeEntry(file: string, handle: FileHandle, entry: ZipEntry, guard: ExtractionGuard, signal: AbortSignal): Promise<void> {
  const rel = guard.entryPath(entry.name, { backslashIsSeparator: true });
  const kind = entry.unixMode === undefined ? undefined : entry.unixMode & S_IFMT;
  const isDir = entry.name.endsWith('/') || kind === S_IFDIR;
  if (rel === undefined || isDir) {
    if (rel !== undefined) {
      await mkdir(guard.hostPath(rel), { recursive: true });
      guard.noteDirectory(rel, dirMode(entry.unixMode));
    }
    return;
  }
  if (entry.flags & 0x1) throw new BuildFailure(`zip entry ${JSON.stringify(entry.name)} is encrypted; the local Ignite cannot read it`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new BuildFailure(`zip entry ${JSON.stringify(entry.name)} uses compression method ${entry.method}; only stored and deflate are supported`);
  }
  const data = await entryData(file, handle, entry);
  const checked = verifyCrc(data, entry);
  if (kind === S_IFLNK) {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of checked) {
      length += chunk.length;
      if (length > MAX_SYMLINK_TARGET) throw new Error(`symlink ${entry.name} has an oversized target`);
      chunks.push(chunk);
    }
    guard.noteSymlink(rel, Buffer.concat(chunks).toString('utf8'));
    return;
  }
  const host = guard.hostPath(rel);
  await replaceWith(host, () => writeStream(checked, host, fileMode(entry.unixMode), guard, signal));
}

async function entryData(file: string, handle: FileHandle, entry: ZipEntry): Promise<Readable> {
  const header = Buffer.alloc(30);
  await handle.read(header, 0, 30, entry.localHeaderOffset);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`zip local header of ${entry.name} is corrupt`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

async function* verifyCrc(data: Readable, entry: ZipEntry): AsyncGenerator<Buffer> {
  let crc = 0;
  try {
    for await (const chunk of data as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    data.destroy();
  }
  if (crc >>> 0 !== entry.crc >>> 0) throw new Error(`zip entry ${entry.name} is corrupt (CRC mismatch)`);
}
