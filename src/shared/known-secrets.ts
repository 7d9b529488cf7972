/**
 * The forms a configured secret (the token, a registry password) takes in text besides its own:
 * base64 (standard and URL-safe, at each of the three alignments it can have inside a longer
 * base64 string, such as a Basic auth header), hex, and percent-encoding. An app that echoes a
 * request header or a build that base64s a credential must not hand it back in another spelling.
 */

/** Shorter configured "secrets" would mangle ordinary words; real tokens are far longer. */
export const MIN_SECRET_LENGTH = 4;
/** Encoded forms are only looked for from this length: a short value's encodings are too short to be its own. */
const MIN_ENCODED_SOURCE = 8;
const MIN_FORM_LENGTH = 12;
const CACHE_LIMIT = 64;

const cache = new Map<string, readonly string[]>();

/**
 * The base64 characters that depend on the secret's bytes alone, when it starts `offset` bytes into
 * a 3-byte group: the first characters mix in the bytes before it, the last the bytes after it.
 */
function base64Core(secret: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret])
    .toString('base64')
    .replace(/=+$/, '');
  const total = offset + secret.length;
  const skip = offset === 0 ? 0 : offset + 1;
  const keep = Math.floor(total / 3) * 4 + (total % 3);
  return encoded.slice(skip, keep);
}

function computeForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  if (secret.length >= MIN_ENCODED_SOURCE) {
    const bytes = Buffer.from(secret, 'utf8');
    for (const offset of [0, 1, 2]) {
      const core = base64Core(bytes, offset);
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    const hex = bytes.toString('hex');
    forms.add(hex);
    forms.add(hex.toUpperCase());
    const percent = encodeURIComponent(secret);
    forms.add(percent);
    forms.add(percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  }
  // Longest first: a form that contains another is replaced whole.
  return [...forms].filter((form) => form === secret || form.length >= MIN_FORM_LENGTH).sort((a, b) => b.length - a.length);
}

/** The secret and its encoded forms, longest first; cached, since the same few secrets are checked on every line. */
export function secretForms(secret: string): readonly string[] {
  let forms = cache.get(secret);
  if (forms === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    forms = computeForms(secret);
    cache.set(secret, forms);
  }
  return forms;
}

/** The usable secrets of a list: set, and long enough to be told from ordinary words. */
export function usableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
}
