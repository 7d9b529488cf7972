/**
 * An existing archive is sent as is, but the build still applies the `.dockerignore` inside it (the
 * local builder does, as Docker does with any context). A dry run says what that file will leave out,
 * so "sent as is" does not read as "built as is". Only a preview: the build decides.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, inflateRawSync } from 'node:zlib';
import tar from 'tar-stream';
import type { ArchiveFormat } from '../archive/formats.js';
import { MAX_IGNORE_FILE_BYTES } from '../archive/ignore-file.js';
import { dockerignoreRules, type IgnoreRules } from '../archive/ignore-rules.js';
import { readZipDirectory, zipEntryDataStart } from '../archive/zip-directory.js';

export interface ArchiveIgnoreReport {
  /** The ignore file inside the archive that the build applies, or null when there is none. */
  file: string | null;
  /** How many file entries it leaves out, and the first few of them. */
  excludedCount: number;
  examples: string[];
}

const EXAMPLES = 10;

interface Listing {
  files: string[];
  /** Small regular files by name: the candidates for the ignore file. */
  ignoreTexts: Map<string, string>;
}

/** `./a/b/` as the builder sees it once unpacked: `a/b`. */
const clean = (name: string) => name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');

export async function archiveIgnoreReport(file: string, format: ArchiveFormat, dockerfile: string): Promise<ArchiveIgnoreReport> {
  // BuildKit's order, as loadIgnoreRules reads it from a folder: the Dockerfile's own file first.
  const candidates = [`${clean(dockerfile)}.dockerignore`, '.dockerignore'];
  const listing = format === 'zip' ? await listZip(file, candidates) : await listTarGz(file, candidates);
  const chosen = candidates.find((name) => listing.ignoreTexts.has(name));
  if (!chosen) return { file: null, excludedCount: 0, examples: [] };
  const rules = dockerignoreRules(listing.ignoreTexts.get(chosen)!, chosen);
  const excluded = listing.files.filter((name) => isExcluded(name, rules));
  return { file: chosen, excludedCount: excluded.length, examples: excluded.slice(0, EXAMPLES) };
}

/** As the builder prunes: an ignored directory drops everything below it unless an exception reaches inside. */
function isExcluded(name: string, rules: IgnoreRules): boolean {
  const segments = name.split('/');
  for (let depth = 1; depth < segments.length; depth++) {
    const dir = segments.slice(0, depth).join('/');
    if (rules.ignores(dir) && !rules.mustDescend(dir)) return true;
  }
  return rules.ignores(name);
}

async function listTarGz(file: string, candidates: readonly string[]): Promise<Listing> {
  const listing: Listing = { files: [], ignoreTexts: new Map() };
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = clean(header.name);
    const wanted = header.type === 'file' && candidates.includes(name) && (header.size ?? 0) <= MAX_IGNORE_FILE_BYTES;
    if (header.type === 'file' || header.type === 'contiguous-file') listing.files.push(name);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      if (wanted) chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      if (wanted) listing.ignoreTexts.set(name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
  });
  await pipeline(createReadStream(file), createGunzip(), extract);
  return listing;
}

async function listZip(file: string, candidates: readonly string[]): Promise<Listing> {
  const listing: Listing = { files: [], ignoreTexts: new Map() };
  const handle = await open(file, 'r');
  try {
    for (const entry of await readZipDirectory(handle, (await handle.stat()).size)) {
      if (entry.name.endsWith('/') || entry.isSymlink) continue;
      const name = clean(entry.name);
      listing.files.push(name);
      if (!candidates.includes(name) || entry.compressedSize > MAX_IGNORE_FILE_BYTES || ![0, 8].includes(entry.method)) continue;
      const data = Buffer.alloc(entry.compressedSize);
      await handle.read(data, 0, data.length, await zipEntryDataStart(handle, entry));
      try {
        const text = entry.method === 8 ? inflateRawSync(data, { maxOutputLength: MAX_IGNORE_FILE_BYTES }) : data;
        listing.ignoreTexts.set(name, text.toString('utf8'));
      } catch {
        // Over 1 MiB inflated: not an ignore file the build would read either (it refuses it).
      }
    }
  } finally {
    await handle.close();
  }
  return listing;
}
