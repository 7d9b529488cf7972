import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { ImageConfig } from '../images.js';
import { checkAborted } from './build-output.js';

export interface ImageDigest {
  /** "sha256:<hex>" */
  digest: string;
  sizeBytes: number;
  files: number;
}

const FORMAT = 'ignite-local-image/v1';

/**
 * A content digest of an assembled image: a canonical listing of the rootfs (sorted paths, type,
 * permission bits, file hash or link target, size) followed by the config as canonical JSON.
 * Timestamps, owners and inode order are left out on purpose, so the same Dockerfile and context
 * always give the same digest, here or after a restart.
 */
export async function digestImage(rootfs: string, config: ImageConfig, signal: AbortSignal): Promise<ImageDigest> {
  const listing = createHash('sha256');
  listing.update(`${FORMAT}\n`);
  let sizeBytes = 0;
  let files = 0;
  async function visit(rel: string): Promise<void> {
    const names = (await readdir(path.join(rootfs, rel))).sort(byCodePoint);
    for (const name of names) {
      checkAborted(signal);
      const child = `${rel}/${name}`;
      const host = path.join(rootfs, child);
      const stats = await lstat(host);
      const mode = (stats.mode & 0o7777).toString(8).padStart(4, '0');
      if (stats.isDirectory()) {
        listing.update(`dir ${mode} ${JSON.stringify(child)}\n`);
        await visit(child);
      } else if (stats.isSymbolicLink()) {
        listing.update(`symlink ${mode} ${JSON.stringify(child)} -> ${JSON.stringify(await readlink(host))}\n`);
        files++;
      } else if (stats.isFile()) {
        listing.update(`file ${mode} ${JSON.stringify(child)} ${stats.size} ${await hashFile(host)}\n`);
        sizeBytes += stats.size;
        files++;
      }
    }
  }
  await visit('');
  listing.update(`config ${canonicalJson(config)}\n`);
  return { digest: `sha256:${listing.digest('hex')}`, sizeBytes, files };
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level; arrays keep their order (it is meaningful). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
