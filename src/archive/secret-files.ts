/**
 * Which files of a build context look like secrets, for both sides: the packer leaves them out of what
 * it sends, and the local Ignite drops them from a repository it cloned. An agent rarely writes a
 * `.dockerignore`, and one leaked `.env` in a build context ends up in an image layer forever. Names are
 * matched case-insensitively (`.ENV`, `ID_RSA`, `Server.KEY` are the same files on a case-insensitive
 * disk); small text files are also checked for the certain shapes of the one rule table
 * (shared/secret-rules.ts): private-key headers and provider tokens.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { FILE_TRIGGER, secretShapeIn } from '../shared/secret-rules.js';

export type EntryKind = 'file' | 'directory' | 'symlink';

/** Files up to this size have their text checked for secret shapes; larger ones are data, not config. */
export const CONTENT_CHECK_BYTES = 64 * 1024;
/** Registry configs are read whole up to this size; a larger one is left out unchecked. */
const CONFIG_READ_BYTES = 1024 * 1024;

const SECRET_DIRECTORIES: Record<string, string> = {
  '.aws': 'cloud credentials directory',
  '.azure': 'cloud credentials directory',
  '.ssh': 'SSH directory',
  '.gnupg': 'GnuPG keyring directory',
  legacy_credentials: 'cloud credentials directory',
};

const SECRET_BASENAMES: Record<string, string> = {
  '.netrc': 'credentials file',
  _netrc: 'credentials file',
  '.git-credentials': 'credentials file',
  '.pgpass': 'database password file',
  '.my.cnf': 'database password file',
  '.mylogin.cnf': 'database password file',
  '.s3cfg': 'cloud credentials file',
  '.boto': 'cloud credentials file',
  '.vault-token': 'Vault token',
  '.dockercfg': 'Docker registry credentials',
  '.htpasswd': 'password file',
  '.envrc': 'direnv file',
  credentials: 'credentials file',
  'credentials.json': 'credentials file',
  'credentials.db': 'credentials file',
  'access_tokens.db': 'credentials file',
  'application_default_credentials.json': 'cloud credentials file',
  'credentials.tfrc.json': 'Terraform credentials',
  'terraform.tfvars': 'Terraform variables',
  'terraform.tfvars.json': 'Terraform variables',
  'secring.gpg': 'GnuPG secret keyring',
  'secring.kbx': 'GnuPG secret keyring',
};

/** [pattern on the lower-case base name, reason]; the first match wins. */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\.env(\..*)?$|\.env$/, 'dotenv file'],
  [/\.(pem|key|ppk|p8)$/, 'private key or certificate'],
  [/\.(p12|pfx|jks|keystore|bks|kdbx)$/, 'keystore'],
  [/^id_(rsa|dsa|ecdsa|ed25519)/, 'SSH private key'],
  [/\.auto\.tfvars(\.json)?$|\.tfstate(\.backup)?$/, 'Terraform state or variables'],
  [/^(service[-_]?account|client[-_]?secret)[^/]*\.json$|[-_]service[-_]?account\.json$/, 'cloud credentials file'],
  [/^kubeconfig/, 'kubeconfig'],
  // Data files named for what they hold: secret.txt, secrets.yaml, db-password.txt (source code such as secrets.ts is not).
  [
    /(^|[._-])(secrets?|credentials?|passwords?|passwd)([._-][^/]*)?\.(txt|json|ya?ml|ini|cfg|conf|toml|properties|xml|csv)$/,
    'credentials file',
  ],
];

/** Why the path looks secret from its name alone, or null. `relPath` is POSIX and relative to the root. */
export function secretReasonByName(relPath: string, kind: EntryKind): string | null {
  const lower = relPath.toLowerCase();
  const base = path.posix.basename(lower);
  if (kind === 'directory') return SECRET_DIRECTORIES[base] ?? null;
  const named = SECRET_BASENAMES[base];
  if (named !== undefined) return named;
  for (const [pattern, reason] of SECRET_PATTERNS) if (pattern.test(base)) return reason;
  if (lower === '.docker/config.json' || lower.endsWith('/.docker/config.json')) return 'Docker registry credentials';
  if (lower === '.kube/config' || lower.endsWith('/.kube/config')) return 'kubeconfig';
  return null;
}

const CREDENTIAL_CONFIGS = new Set(['.npmrc', '.pypirc', '.yarnrc.yml', '.yarnrc', 'pip.conf', '.gemrc']);

/** Registry configs are often needed by the build; only the ones carrying a literal credential are secret. */
export function needsConfigCheck(relPath: string, kind: EntryKind): boolean {
  return kind === 'file' && CREDENTIAL_CONFIGS.has(path.posix.basename(relPath).toLowerCase());
}

// npm keys contain colons (`//host/:_authToken=`), so only `=` ends the key; `#`/`;` start comments.
const CREDENTIAL_LINE =
  /^[ \t]*(?=[^#;\s])[^=\n]*?(?:_authToken|_auth|_password|password|npmAuth(?:Token|Ident)|npmPassword)[ \t]*[=:][ \t]*(.*)$/gim;

/** True when a line sets a token or password to a literal; `${NPM_TOKEN}` placeholders are not secrets. */
export function hasCredentialLines(text: string): boolean {
  for (const match of text.matchAll(CREDENTIAL_LINE)) {
    const value = (match[1] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value !== '' && !/^\$\{[^}]+\}$/.test(value)) return true;
  }
  return false;
}

// Opened without following a link or waiting on a FIFO: the walk saw a regular file, and it must still be one.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Why a registry config is secret (a literal credential anywhere in it, or too big to check), or null. */
export async function configFileSecretReason(absPath: string): Promise<string | null> {
  const handle = await open(absPath, READ_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return 'not a regular file';
    if (stats.size > CONFIG_READ_BYTES) return `registry config over ${CONFIG_READ_BYTES} bytes, too large to check`;
    const buffer = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return hasCredentialLines(buffer.toString('utf8', 0, filled)) ? 'registry config with credentials' : null;
  } finally {
    await handle.close();
  }
}

/** Binary files are not scanned: a NUL in the first bytes says the file is not text. */
const SNIFF_BYTES = 8000;

/** Why a small file's contents look secret (`contains a stripe-key`), or null; larger files are not checked. */
export function secretReasonInContent(data: Uint8Array): string | null {
  if (data.length === 0 || data.length > CONTENT_CHECK_BYTES) return null;
  if (data.subarray(0, SNIFF_BYTES).includes(0)) return null;
  // latin1 maps each byte to one character, which is cheaper than UTF-8 and enough: every shape is ASCII.
  const kind = secretShapeIn(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
  return kind === null ? null : `contains a ${kind}`;
}

/**
 * False when no file whose bytes lie in `contents` can hold a secret shape, so that files read into one
 * buffer are scanned once together instead of one by one; true means check them one by one. Sound because
 * every content rule must first match FILE_TRIGGER (secretShapeIn), which has no anchors, lookarounds or
 * word boundaries: what it matches inside one file's text it matches inside any text holding that text
 * (test/archive/secret-batch.test.ts checks the pattern stays so). Matches across two files, or in binary
 * files, which secretReasonInContent skips, only send the batch to the per-file check.
 */
export function mayHoldSecretShape(contents: Uint8Array): boolean {
  if (contents.length === 0) return false;
  return FILE_TRIGGER.test(Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength).toString('latin1'));
}

/** Why a small file on disk looks secret by its contents, or null; read without following links, up to the check size. */
export async function fileContentSecretReason(absPath: string): Promise<string | null> {
  const handle = await open(absPath, READ_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > CONTENT_CHECK_BYTES) return null;
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return secretReasonInContent(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
