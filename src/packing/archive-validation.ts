/**
 * One streaming pass over an archive we did not write: it must decompress, no entry may land outside the
 * directory it is unpacked into (names, symlinks, and entries written through symlinks, by the same rule
 * the local builder unpacks with: archive/entry-names.ts), and it must stay within a decompression budget.
 * A 2 MB gzip can hold 2 GiB of zeros, so nothing is held whole: the tar.gz is inflated by zlib off the
 * main thread, the zip in small slices with a turn of the event loop between them, and either is refused
 * as soon as it expands past the budget. Every byte read is handed to `onBytes`, so the caller hashes the
 * file in the same pass.
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import tar from 'tar-stream';
import { ArchiveLinks, entrySegments, unsafeEntryName, unsafeSymlinkTarget } from '../archive/entry-names.js';
import { readZipDirectory, readZipLinkTarget } from '../archive/zip-directory.js';
import { fileChunks } from './chunks.js';
import { Meter, type DecompressionBudget } from './decompression-budget.js';

export type { DecompressionBudget } from './decompression-budget.js';

// fflate's Unzip calls itself once for every entry that ends inside the chunk it is given, so one
// 512 KiB read of tiny entries (66,000 of them in a 9 MB zip) overflows the stack; small slices keep
// the depth to a few hundred calls, and bound what one slice of a bomb can inflate to about 8 MiB.
const UNZIP_SLICE_BYTES = 8 * 1024;
/** Inflated bytes between two turns of the event loop, so other calls are served while a big zip is checked. */
const YIELD_EVERY_BYTES = 4 * 1024 * 1024;

/** The checks every entry passes, in archive order; `null` when it is fine. */
function entryProblem(links: ArchiveLinks, name: string, type: string, linkname: string): string | null {
  const bad = unsafeEntryName(name.replace(/\/+$/, '') || name);
  if (bad !== null) return `${bad}: ${name}`;
  const rel = entrySegments(name).join('/');
  const through = links.through(rel);
  if (through !== undefined) return `entry ${name} would be written through the symlink ${through}`;
  links.forget(rel);
  if (type === 'symlink') {
    const badLink = unsafeSymlinkTarget(name, linkname);
    if (badLink !== null) return `${badLink}: ${name}`;
    links.add(rel, linkname);
  } else if (type === 'link') {
    const badTarget = unsafeEntryName(linkname);
    if (badTarget !== null) return `hard link ${name}: ${badTarget}`;
    const via = links.through(entrySegments(linkname).join('/'));
    if (via !== undefined) return `hard link ${name} points through the symlink ${via}`;
  }
  return null;
}

function chainProblem(links: ArchiveLinks): string | null {
  const escaping = links.escaping();
  return escaping === undefined ? null : `symlink ${escaping.rel} -> ${escaping.target} points outside the archive through other symlinks`;
}

export async function validateTarGz(file: string, onBytes: (chunk: Uint8Array) => void, budget: DecompressionBudget): Promise<number> {
  const meter = new Meter(budget);
  const links = new ArchiveLinks();
  const extract = tar.extract();
  let parserError: Error | undefined;
  const fail = (error: Error) => {
    parserError ??= error;
    extract.destroy(error);
  };
  extract.on('error', (error: Error) => void (parserError ??= error));
  let count = 0;
  extract.on('entry', (header, stream, next) => {
    // The parser's own 'error' carries any failure; the entry stream repeats it to nobody.
    stream.on('error', () => {});
    const type = header.type ?? 'file';
    let bad = entryProblem(links, header.name, type, header.linkname ?? '');
    if (bad === null && !TAR_TYPES.has(type)) bad = `unsupported entry type ${type}: ${header.name}`;
    bad ??= meter.addContent(header.size ?? 0);
    if (bad !== null) return fail(new Error(bad));
    count += 1;
    stream.on('end', () => next());
    stream.resume();
  });
  const finished = new Promise<void>((resolve) => {
    extract.on('finish', resolve);
    extract.on('close', resolve);
  });
  const hash = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk);
      callback(null, chunk);
    },
  });
  const metered = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const bad = meter.inflate(chunk.length);
      callback(bad === null ? null : new Error(bad), chunk);
    },
  });
  const parser = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (extract.destroyed) return callback(parserError ?? new Error('the tar parser stopped'));
      if (extract.write(chunk)) return callback();
      const go = () => {
        extract.off('drain', go);
        extract.off('close', go);
        callback(extract.destroyed ? (parserError ?? new Error('the tar parser stopped')) : null);
      };
      extract.on('drain', go);
      extract.on('close', go);
    },
    final(callback) {
      if (!extract.destroyed) extract.end(undefined);
      callback();
    },
  });
  try {
    await pipeline(createReadStream(file, { highWaterMark: 512 * 1024 }), hash, createGunzip({ chunkSize: 128 * 1024 }), metered, parser);
  } catch (error) {
    throw parserError ?? error;
  }
  await finished;
  if (parserError) throw parserError;
  const chained = chainProblem(links);
  if (chained !== null) throw new Error(chained);
  return count;
}

const TAR_TYPES = new Set(['file', 'directory', 'contiguous-file', 'symlink', 'link']);

export async function validateZip(
  file: string,
  handle: FileHandle,
  size: number,
  onBytes: (c: Uint8Array) => void,
  budget: DecompressionBudget,
): Promise<number> {
  const meter = new Meter(budget);
  const directory = await readZipDirectory(handle, size);
  const links = new ArchiveLinks();
  for (const entry of directory) {
    const target = entry.isSymlink ? await readZipLinkTarget(handle, entry) : '';
    const bad = entryProblem(links, entry.name.replace(/\\/g, '/'), entry.isSymlink ? 'symlink' : 'file', target);
    if (bad !== null) throw new Error(bad);
  }
  const chained = chainProblem(links);
  if (chained !== null) throw new Error(chained);
  // The streaming pass proves every entry inflates, and checks the local headers' names too.
  let problem: string | null = null;
  let sinceYield = 0;
  const unzip = new Unzip((entry) => {
    problem ??= unsafeEntryName(entry.name.replace(/\/+$/, '') || entry.name);
    if (entry.compression !== 0 && entry.compression !== 8) problem ??= `unsupported compression ${entry.compression}: ${entry.name}`;
    else {
      entry.ondata = (error, data) => {
        if (error) problem ??= `${entry.name}: ${error.message}`;
        else {
          sinceYield += data.length;
          problem ??= meter.inflate(data.length) ?? meter.addContent(data.length);
        }
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
      if (sinceYield >= YIELD_EVERY_BYTES) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  unzip.push(new Uint8Array(0), true);
  if (problem !== null) throw new Error(problem);
  return directory.length;
}
