import { createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { sniffArchive, TAR_SNIFF_BYTES, type ArchiveKind } from '../../archive/formats.js';
import { BuildFailure, checkAborted } from './build-output.js';
import { dirMode, ExtractionGuard, fileMode, replaceWith, writeStream, type UnpackLimits } from './unpack-guard.js';
import { unpackZip } from './unpack-zip.js';

type TarEntry = tar.ExtractEvents['entry'][1];

export async function sniffArchiveFile(file: string): Promise<ArchiveKind | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(TAR_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return sniffArchive(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Unreadable data, as opposed to a readable archive that breaks a rule. */
export class InvalidArchive extends BuildFailure {}

export interface UnpackResult {
  bytes: number;
  /** Entries left out (devices, fifos), for the build log. */
  skipped: string[];
}

/** Unpacks a tar, tar.gz or zip into the empty directory `dest`, refusing anything that could escape it. */
export async function unpackArchive(
  file: string,
  dest: string,
  limits: UnpackLimits,
  signal: AbortSignal,
  label = 'build context',
): Promise<UnpackResult> {
  const format = await sniffArchiveFile(file);
  if (!format) throw new BuildFailure(`the ${label} is not a readable tar.gz or zip archive`);
  await mkdir(dest, { recursive: true });
  const guard = new ExtractionGuard(dest, (await stat(file)).size, limits, label);
  try {
    if (format === 'zip') await unpackZip(file, guard, signal);
    else await unpackTar(file, format === 'gzip', guard, signal);
    await guard.finish();
  } catch (err) {
    if (err instanceof BuildFailure || signal.aborted) throw err;
    throw new InvalidArchive(`the ${label} is not a valid archive: ${(err as Error).message}`);
  }
  return { bytes: guard.unpackedBytes, skipped: guard.skipped };
}

async function unpackTar(file: string, gzipped: boolean, guard: ExtractionGuard, signal: AbortSignal): Promise<void> {
  const source: Readable = gzipped ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const extract = tar.extract();
  // Fed from a task of its own: the entry loop below is what drains the extractor.
  const feeding = (async () => {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (extract.write(chunk)) continue;
      // 'close' too: an extractor destroyed after a refused entry never drains.
      await new Promise<void>((resolve) => {
        const done = () => {
          extract.off('drain', done);
          extract.off('close', done);
          resolve();
        };
        extract.on('drain', done);
        extract.on('close', done);
      });
      if (extract.destroyed) return;
    }
    extract.end(undefined);
  })();
  feeding.catch((err: unknown) => extract.destroy(err as Error));
  try {
    for await (const entry of extract) {
      checkAborted(signal);
      await writeTarEntry(entry, guard, signal);
    }
    await feeding;
  } finally {
    source.destroy();
    extract.destroy();
  }
}

async function writeTarEntry(entry: TarEntry, guard: ExtractionGuard, signal: AbortSignal): Promise<void> {
  const { header } = entry;
  const rel = guard.entryPath(header.name);
  guard.countEntry();
  const type = header.type ?? 'file';
  if (rel === undefined || type === 'directory') {
    if (rel !== undefined) {
      await mkdir(guard.hostPath(rel), { recursive: true });
      guard.noteDirectory(rel, dirMode(header.mode));
    }
    entry.resume();
    return;
  }
  const host = guard.hostPath(rel);
  if (type === 'symlink') {
    guard.noteSymlink(rel, header.linkname ?? '');
    entry.resume();
  } else if (type === 'link') {
    const target = guard.entryPath(header.linkname ?? '');
    const source = target === undefined ? undefined : await lstat(guard.hostPath(target)).catch(() => undefined);
    if (target === undefined || !source?.isFile()) {
      throw new BuildFailure(
        `unsafe build context: hard link ${JSON.stringify(rel)} -> ${JSON.stringify(header.linkname)} does not point to a file inside the context`,
      );
    }
    guard.countBytes(source.size);
    await replaceWith(host, () => copyFile(guard.hostPath(target), host));
    entry.resume();
  } else if (type === 'file' || type === 'contiguous-file') {
    await replaceWith(host, () => writeStream(entry as AsyncIterable<Buffer>, host, fileMode(header.mode), guard, signal));
  } else {
    guard.skipped.push(`${rel} (${type})`);
    entry.resume();
  }
}
