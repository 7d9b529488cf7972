/**
 * The one redactor. Everything that leaves ignite-mcp as text goes through it: build log lines, tool
 * results, resource reads, error messages and our own log lines. A build echoes whatever its
 * Dockerfile and tools print, apps echo requests, and servers echo request metadata into errors, so
 * any of them can carry the configured token or another credential. Each match becomes a visible
 * `[REDACTED:<kind>]` marker, so the reader knows something was there and why it is gone.
 */

export const redacted = (kind: string) => `[REDACTED:${kind}]`;

/** Shorter configured "secrets" would mangle ordinary words; real tokens are far longer. */
export const MIN_SECRET_LENGTH = 4;
/** A private key is a few dozen lines; a block whose END never comes must not hide the rest of the log. */
const MAX_KEY_LINES = 100;

// Most lines contain none of these, and skip every other rule after one scan.
const TRIGGER =
  /eyJ|bearer|authorization|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|PRIVATE KEY|:\/\/[^\s/@]+@|passw|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|credential|[A-Za-z0-9+/]{60}/i;

const KEYWORD = '(?:passw(?:or)?d|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)';
/** A name that says its value is secret: `DB_PASSWORD`, `npm_token`, `--api-key`, `_authToken`, `client-secret.txt`. */
const SECRET_NAME = `[\\w.-]*?${KEYWORD}(?:[_.-][\\w.-]*)?`;
const VALUE = `("[^"]*"|'[^']*'|[^\\s"',;&]+)`;

interface Rule {
  kind: string;
  pattern: RegExp;
  /** The replacement for one match; by default the whole match becomes the marker. */
  replace?: (match: string, ...groups: string[]) => string;
}

/** A value that is already hidden or only names a variable carries nothing to redact. */
const keepValue = (value: string) => /^["']?(\$\{?\w+\}?|\*+|\[REDACTED:[\w-]+\])?["']?$/.test(value);

/** Keeps the quotes of a quoted value around its marker, so quoted text stays balanced. */
const requote = (value: string, marker: string) => (/^["']/.test(value) ? `${value[0]}${marker}${value[0]}` : marker);

const RULES: readonly Rule[] = [
  {
    kind: 'private-key',
    pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----|$)/g,
  },
  {
    kind: 'url-password',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)(?!\[REDACTED)([^\s:/?#@]*):([^\s/?#@]+)@/gi,
    replace: (_match, scheme, user) => `${scheme}${user}:${redacted('url-password')}@`,
  },
  {
    kind: 'authorization',
    pattern: /\b(authorization\s*[:=]\s*)(["']?)(?!\[REDACTED)[^\s"']+(\s+(?!\[REDACTED)[^\s"']+)?/gi,
    replace: (_match, name, quote) => `${name}${quote}${redacted('authorization')}`,
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  { kind: 'aws-access-key', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'github-token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  {
    kind: 'bearer',
    pattern: /\bBearer\s+(?!\[REDACTED)[A-Za-z0-9\-._~+/]{8,}=*/gi,
    replace: (match) => `${match.slice(0, 6)} ${redacted('bearer')}`,
  },
  {
    kind: 'value',
    // name=value, name: "value" (JSON/YAML), "name": "value"
    pattern: new RegExp(`(?<![\\w.-])(["']?${SECRET_NAME}["']?)(\\s*=\\s*|\\s*:\\s+(?=["'])|\\s*:(?=["']))${VALUE}`, 'gi'),
    replace: (match, name, separator, value) => (keepValue(value) ? match : `${name}${separator}${requote(value, redacted('value'))}`),
  },
  {
    kind: 'value',
    // Dockerfile's legacy `ENV NAME value` and flags such as `--password hunter2`
    pattern: new RegExp(`(\\b(?:ENV|ARG|LABEL)\\s+${SECRET_NAME}\\s+|(?<![\\w-])--?${SECRET_NAME}\\s+)(?![=-])${VALUE}`, 'gi'),
    replace: (match, prefix, value) => (keepValue(value) ? match : `${prefix}${requote(value, redacted('value'))}`),
  },
];

/** A lone line of base64 as long as a PEM body line: key material even when the BEGIN line was not read. */
const KEY_BODY_LINE = /^\s*[A-Za-z0-9+/]{60,76}={0,2}\s*$/;
const looksLikeKeyBody = (text: string) => KEY_BODY_LINE.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);

/** Replaces each configured secret (the token, registry passwords) with the marker; nothing else. */
export function redactKnownSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(redacted('secret'));
  }
  return out;
}

/** Redacts one piece of text on its own: configured secrets first, then secret-shaped strings. */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = redactKnownSecrets(text, secrets);
  if (!TRIGGER.test(out)) return out;
  if (looksLikeKeyBody(out)) return redacted('private-key');
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace ?? (() => redacted(rule.kind)));
  }
  return out;
}

const BEGIN_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const END_KEY = /-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;

/**
 * A copy of `value` (a tool result, a resource read) with every configured secret in every string,
 * keys included, replaced. Only configured secrets: a result legitimately holds digests and ids
 * that secret-shaped rules would take for keys.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.some((secret) => secret.length >= MIN_SECRET_LENGTH)) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactKnownSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [redactKnownSecrets(key, secrets), walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}

/**
 * Redacts the lines of one log read in order. A private key printed line by line spans many log
 * lines, so after a BEGIN line without its END every line is hidden until the END line.
 */
export class LogLineRedactor {
  private keyLines = 0;

  constructor(private readonly secrets: readonly string[] = []) {}

  redact(text: string): string {
    if (this.keyLines > 0) {
      const end = END_KEY.exec(text);
      if (!end && ++this.keyLines <= MAX_KEY_LINES) return redacted('private-key');
      this.keyLines = 0;
      if (end) return `${redacted('private-key')}${redactText(text.slice(end.index + end[0].length), this.secrets)}`;
    }
    const begin = BEGIN_KEY.exec(text);
    if (begin && !END_KEY.test(text.slice(begin.index))) this.keyLines = 1;
    return redactText(text, this.secrets);
  }
}
