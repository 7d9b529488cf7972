import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { readZipDirectory, zipEntryDataStart, type ZipDirectoryEntry } from '../../archive/zip-directory.js';
import { BuildFailure, checkAborted } from './build-output.js';
import { dirMode, fileMode, type ExtractionGuard } from './unpack-guard.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const MAX_SYMLINK_TARGET = 4096;

/**
 * Reads a zip from its central directory (the authoritative list, unlike the local headers a
 * streaming reader trusts; ZIP64 included) and inflates one entry at a time, so memory stays
 * bounded. Unix modes and symlinks survive; sizes in headers are never trusted, bytes are counted
 * as they inflate.
 */
export async function unpackZip(file: string, guard: ExtractionGuard, signal: AbortSignal): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const entries = await readZipDirectory(handle, (await handle.stat()).size);
    // Counted before anything is written, so an archive over the entry limit leaves nothing behind.
    for (let i = 0; i < entries.length; i++) guard.countEntry();
    for (const entry of entries) {
      checkAborted(signal);
      await writeEntry(file, handle, entry, guard, signal);
    }
  } finally {
    await handle.close();
  }
}

async function writeEntry(
  file: string,
  handle: FileHandle,
  entry: ZipDirectoryEntry,
  guard: ExtractionGuard,
  signal: AbortSignal,
): Promise<void> {
  const rel = guard.entryPath(entry.name, { backslashIsSeparator: true });
  const kind = entry.unixMode === undefined ? undefined : entry.unixMode & S_IFMT;
  const isDir = entry.name.endsWith('/') || kind === S_IFDIR;
  if (rel === undefined || isDir) {
    if (rel !== undefined) await guard.directory(rel, dirMode(entry.unixMode));
    return;
  }
  if (entry.flags & 0x1) throw new BuildFailure(`zip entry ${JSON.stringify(entry.name)} is encrypted; the local Ignite cannot read it`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new BuildFailure(
      `zip entry ${JSON.stringify(entry.name)} uses compression method ${entry.method}; only stored and deflate are supported`,
    );
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
  await guard.file(rel, checked, fileMode(entry.unixMode), signal);
}

async function entryData(file: string, handle: FileHandle, entry: ZipDirectoryEntry): Promise<Readable> {
  const start = await zipEntryDataStart(handle, entry);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

async function* verifyCrc(data: Readable, entry: ZipDirectoryEntry): AsyncGenerator<Buffer> {
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
