/**
 * A cloned repository is a build context nobody packed. The local Ignite leaves out its secret-shaped
 * files by the packer's own rules (archive/secret-files.ts: names, registry configs with credentials,
 * small files holding a private key or a provider token), so a git source sends no more than the same
 * folder packed by ignite-mcp would. There is no include list for git sources: what is left out here
 * cannot be sent from a repository.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  CONTENT_CHECK_BYTES,
  configFileSecretReason,
  fileContentSecretReason,
  needsConfigCheck,
  secretReasonByName,
} from '../../archive/secret-files.js';
import { checkAborted } from './build-output.js';

export interface LeftOut {
  path: string;
  reason: string;
}

async function reasonFor(rel: string, host: string, kind: 'file' | 'directory' | 'symlink'): Promise<string | null> {
  const byName = secretReasonByName(rel, kind);
  if (byName !== null || kind !== 'file') return byName;
  if (needsConfigCheck(rel, kind)) return configFileSecretReason(host);
  const { size } = await lstat(host);
  return size <= CONTENT_CHECK_BYTES ? fileContentSecretReason(host) : null;
}

/** Removes the secret-shaped files and folders under `root`; returns what was removed and why, in path order. */
export async function dropSecretFiles(root: string, signal: AbortSignal, rel = ''): Promise<LeftOut[]> {
  const dropped: LeftOut[] = [];
  const dirents = await readdir(path.join(root, rel), { withFileTypes: true });
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const dirent of dirents) {
    checkAborted(signal);
    const child = rel ? `${rel}/${dirent.name}` : dirent.name;
    const host = path.join(root, child);
    const kind = dirent.isDirectory() ? 'directory' : dirent.isSymbolicLink() ? 'symlink' : dirent.isFile() ? 'file' : null;
    if (kind === null) continue;
    const reason = await reasonFor(child, host, kind);
    if (reason !== null) {
      await rm(host, { recursive: true, force: true });
      dropped.push({ path: child, reason });
    } else if (kind === 'directory') {
      dropped.push(...(await dropSecretFiles(root, signal, child)));
    }
  }
  return dropped;
}
