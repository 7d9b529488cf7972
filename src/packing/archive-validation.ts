/**
 * One streaming pass over an archive we did not write: it must decompress, and no entry may land outside
 * the directory it is unpacked into. Every byte read is handed to `onBytes`, so the caller hashes the file
 * in the same pass.
 */
import type { FileHandle } from 'node:fs/promises';
import { Gunzip, Unzip, UnzipInflate } from 'fflate';
import tar from 'tar-stream';
import { fileChunks } from './chunks.js';
import { unsafeEntryName, unsafeSymlinkTarget } from '../archive/entry-names.js';
import { readZipDirectory, readZipLinkTarget } from '../archive/zip-directory.js';

// fflate's Unzip calls itself once for every entry that ends inside the chunk it is given, so one
// 512 KiB read of tiny entries (66,000 of them in a 9 MB zip) overflows the stack; small slices keep
// the depth to a few hundred calls.
const UNZIP_SLICE_BYTES = 8 * 1024;

function checkTarHeader(header: tar.Header): string | null {
  const bad = unsafeEntryName(header.name.replace(/\/+$/, '') || header.name);
  if (bad !== null) return `${bad}: ${header.name}`;
  if (header.type === 'symlink') return unsafeSymlinkTarget(header.name, header.linkname ?? '');
  if (header.type === 'link') return unsafeEntryName(header.linkname ?? '');
  if (header.type !== 'file' && header.type !== 'directory' && header.type !== 'contiguous-file') {
    return `unsupported entry type ${header.type ?? 'unknown'}: ${header.name}`;
  }
  return null;
}

/** Feeds the file through gunzip into the tar parser, waiting whenever the parser asks for a pause. */
async function feedTar(file: string, extract: tar.Extract, onBytes: (chunk: Uint8Array) => void): Promise<void> {
  const output: Uint8Array[] = [];
  const gunzip = new Gunzip((chunk) => output.push(chunk));
  const flush = async () => {
    for (const chunk of output.splice(0, output.length)) {
      if (extract.destroyed) return;
      if (!extract.write(chunk)) {
        await new Promise<void>((resolve) => {
          extract.once('drain', () => resolve());
          extract.once('close', () => resolve());
        });
      }
    }
  };
  for await (const chunk of fileChunks(file)) {
    if (extract.destroyed) return;
    onBytes(chunk);
    gunzip.push(chunk);
    await flush();
  }
  gunzip.push(new Uint8Array(0), true);
  await flush();
  extract.end(undefined);
}

export async function validateTarGz(file: string, onBytes: (chunk: Uint8Array) => void): Promise<number> {
  const extract = tar.extract();
  let count = 0;
  const parsed = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      // The parser's own 'error' carries any failure; the entry stream repeats it to nobody.
      stream.on('error', () => {});
      const bad = checkTarHeader(header);
      if (bad !== null) {
        extract.destroy(new Error(bad));
        return;
      }
      count += 1;
      stream.on('end', () => next());
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  const fed = feedTar(file, extract, onBytes).catch((error: unknown) => {
    extract.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    await parsed;
  } finally {
    await fed;
  }
  return count;
}

export async function validateZip(file: string, handle: FileHandle, size: number, onBytes: (c: Uint8Array) => void): Promise<number> {
  const directory = await readZipDirectory(handle, size);
  for (const entry of directory) {
    const bad = unsafeEntryName(entry.name.replace(/\/+$/, '') || entry.name);
    if (bad !== null) throw new Error(`${bad}: ${entry.name}`);
    if (entry.isSymlink) {
      const badLink = unsafeSymlinkTarget(entry.name, await readZipLinkTarget(handle, entry));
      if (badLink !== null) throw new Error(`${badLink}: ${entry.name}`);
    }
  }
  // The streaming pass proves every entry inflates, and checks the local headers' names too.
  let problem: string | null = null;
  const unzip = new Unzip((entry) => {
    problem ??= unsafeEntryName(entry.name.replace(/\/+$/, '') || entry.name);
    if (entry.compression !== 0 && entry.compression !== 8) problem ??= `unsupported compression ${entry.compression}: ${entry.name}`;
    else {
      entry.ondata = (error) => {
        if (error) problem ??= `${entry.name}: ${error.message}`;
      };
      entry.start();
    }
  });
  unzip.register(UnzipInflate);
  for await (const chunk of fileChunks(file)) {
    onBytes(chunk);
    for (let at = 0; at < chunk.length; at += UNZIP_SLICE_BYTES) {
      unzip.push(chunk.subarray(at, at + UNZIP_SLICE_BYTES));
      if (problem !== null) throw new Error(problem);
    }
  }
  unzip.push(new Uint8Array(0), true);
  if (problem !== null) throw new Error(problem);
  return directory.length;
}
