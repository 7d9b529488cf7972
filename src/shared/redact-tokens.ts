/**
 * Token scrubbing for anything that leaves the client as text. Servers and proxies sometimes echo
 * request headers into error details, so the configured token is removed, and so is anything shaped
 * like a bearer token or a JWT in case a different credential shows up.
 */

const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** Shorter "secrets" would mangle ordinary words; real tokens are far longer. */
const MIN_SECRET_LENGTH = 4;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
  }
  return out.replace(BEARER, 'Bearer ***').replace(JWT_LIKE, '***');
}
