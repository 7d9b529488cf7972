/**
 * Secret-shaped files are left out even when no ignore rule names them: an agent rarely writes a
 * `.dockerignore`, and one leaked `.env` in a build context ends up in an image layer forever.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';

export type EntryKind = 'file' | 'directory' | 'symlink';

const SECRET_DIRECTORIES: Record<string, string> = {
  '.aws': 'cloud credentials directory',
  '.ssh': 'SSH directory',
};

const SECRET_BASENAMES: Record<string, string> = {
  '.netrc': 'credentials file',
  '.git-credentials': 'credentials file',
};

const CREDENTIAL_CONFIGS = new Set(['.npmrc', '.pypirc']);
const CONFIG_SNIFF_BYTES = 256 * 1024;

/** Why the path looks secret from its name alone, or null. `relPath` is POSIX and relative to the root. */
export function secretReasonByName(relPath: string, kind: EntryKind): string | null {
  const base = path.posix.basename(relPath);
  if (kind === 'directory') return SECRET_DIRECTORIES[base] ?? null;
  if (base === '.env' || base.startsWith('.env.')) return 'dotenv file';
  if (base.endsWith('.pem') || base.endsWith('.key')) return 'private key or certificate';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(base)) return 'SSH private key';
  if (relPath === '.docker/config.json' || relPath.endsWith('/.docker/config.json')) return 'Docker registry credentials';
  if (relPath === '.kube/config' || relPath.endsWith('/.kube/config') || base.startsWith('kubeconfig')) return 'kubeconfig';
  return SECRET_BASENAMES[base] ?? null;
}

/** `.npmrc`/`.pypirc` are often needed by the build; only the ones carrying a literal credential are secret. */
export function needsContentCheck(relPath: string, kind: EntryKind): boolean {
  return kind === 'file' && CREDENTIAL_CONFIGS.has(path.posix.basename(relPath));
}

// npm keys contain colons (`//host/:_authToken=`), so only `=` ends the key; `#`/`;` start comments.
const CREDENTIAL_LINE = /^[ \t]*(?=[^#;\s])[^=\n]*?(?:_authToken|_auth|_password|password)[ \t]*[=:][ \t]*(.*)$/gim;

/** True when a line sets a token or password to a literal; `${NPM_TOKEN}` placeholders are not secrets. */
export function hasCredentialLines(text: string): boolean {
  for (const match of text.matchAll(CREDENTIAL_LINE)) {
    const value = (match[1] ?? '').trim();
    if (value !== '' && !/^\$\{[^}]+\}$/.test(value)) return true;
  }
  return false;
}

export async function configFileHasCredentials(absPath: string): Promise<boolean> {
  const handle = await open(absPath, 'r');
  try {
    const buffer = Buffer.alloc(CONFIG_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return hasCredentialLines(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** The caller opts a secret-shaped path back in by naming it, or a directory above it. */
export function isExplicitlyIncluded(relPath: string, includes: ReadonlySet<string>): boolean {
  if (includes.has(relPath)) return true;
  for (let dir = path.posix.dirname(relPath); dir !== '.'; dir = path.posix.dirname(dir)) {
    if (includes.has(dir)) return true;
  }
  return false;
}

/** A secret directory must still be walked when an explicit include points inside it. */
export function hasIncludeBelow(relDir: string, includes: ReadonlySet<string>): boolean {
  const prefix = `${relDir}/`;
  for (const include of includes) if (include.startsWith(prefix)) return true;
  return false;
}
