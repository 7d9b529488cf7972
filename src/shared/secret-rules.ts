/**
 * The one table of secret shapes. The redactor (redact.ts) replaces every match in log lines, errors
 * and our own log output; the packer leaves a small text file out of a build context when one of the
 * rules marked `inFiles` matches its text (archive/secret-files.ts). One table, so a shape that is
 * hidden in a log is also kept out of an archive, and a new shape is added once.
 *
 * The prefix-shaped token rules are ported from @secretlint/secretlint-rule-preset-recommend 13.1.0
 * (MIT, Copyright (c) 2020 azu; see THIRD-PARTY-NOTICES.md), module/index.js: the regex literals only,
 * with `(?<!\p{L})` written as `(?<![A-Za-z0-9])` and the OpenAI/Anthropic bodies loosened to the
 * lengths keys really have. The rest are ours, from the providers' documented formats and from what
 * tools print.
 */

export const redacted = (kind: string) => `[REDACTED:${kind}]`;

export interface SecretRule {
  kind: string;
  /** Global; `lastIndex` is reset before each use. */
  pattern: RegExp;
  /** The replacement for one match; by default the whole match becomes the marker. */
  replace?: (match: string, ...groups: string[]) => string;
  /** Certain enough that a file whose text matches is left out of a build context. */
  inFiles?: boolean;
  /** For files only: a narrower copy of a log rule. */
  notInLogs?: boolean;
}

/**
 * Most lines contain none of these and skip every rule after this one scan. Every rule's prefix must be
 * here (a rule whose prefix is missing never runs); the test of the table checks each rule's examples.
 */
export const TRIGGER =
  /eyJ|bearer|authorization|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|PRIVATE KEY|:\/\/[^\s/@]+@|passw|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|credential|[A-Za-z0-9+/]{60}|[sr]k_(?:live|test)_|SG\.|hooks\.slack\.com|sk-(?:proj|svcacct|admin|ant)-|T3BlbkFJ|hf_|gsk_|shp(?:pa|ca|at|ss)_|lin_api_|ntn_|gl(?:c|sa)_|ops_ey|hv[sbr]\.|vc[picrk]_|dapi|dckr_pat_|figd_|cf(?:k|ut|at)_|tskey-|AIza|AccountKey=|mysql|curl|PASS\b|npmAuth/i;

/**
 * The prefixes of the `inFiles` rules, case-sensitive as the tokens are: a file's text is scanned for
 * these once, and only a hit runs the rules themselves.
 */
export const FILE_TRIGGER =
  /-----BEGIN |AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|hooks\.slack\.com|[sr]k_(?:live|test)_|SG\.|sk-|hf_|gsk_|shp(?:pa|ca|at|ss)_|lin_api_|ntn_|gl(?:c|sa)_|ops_ey|hv[sbr]\.|vc[picrk]_|dapi|dckr_pat_|figd_|cf(?:k|ut|at)_|tskey-|AIza|AccountKey=/;

const KEYWORD = '(?:passw(?:or)?d|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)';
/** A name that says its value is secret: `DB_PASSWORD`, `npm_token`, `--api-key`, `_authToken`, `client-secret.txt`. */
export const SECRET_NAME = `[\\w.-]*?${KEYWORD}(?:[_.-][\\w.-]*)?`;
/** A value: quoted, a GitHub Actions `${{ … }}` expression (kept whole, so it is not mangled), or a bare word. */
const VALUE = `("[^"]*"|'[^']*'|\\$\\{\\{[^}\\n]*\\}\\}|[^\\s"',;&]+)`;

/** A value that is already hidden or only names a variable carries nothing to redact. */
export const keepValue = (value: string) =>
  /^["']?(\$\{?\w+\}?|\$\{\{[^}]*\}\}|\$\{\w+[:-]?-?\}|\*+|\[REDACTED:[\w-]+\])?["']?$/.test(value);

/** Keeps the quotes of a quoted value around its marker, so quoted text stays balanced. */
const requote = (value: string, marker: string) => (/^["']/.test(value) ? `${value[0]}${marker}${value[0]}` : marker);

/** `prefix` kept, `value` hidden, unless the value is a placeholder. */
const hideValue = (match: string, prefix: string, value: string) =>
  keepValue(value) ? match : `${prefix}${requote(value, redacted('value'))}`;

const KEY_LABEL = '(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?';
/** Between the lines of a key: spaces, real line breaks, or the `\n` escapes of a key quoted in JSON or a shell. */
const KEY_SEP = String.raw`(?:[ \t]|\r?\n|\\r|\\n)*`;
const KEY_HEADER = '(?:Proc-Type|DEK-Info|Comment|Version|Hash):[^\\n\\\\]*';

export const BEGIN_KEY = new RegExp(`-----BEGIN ${KEY_LABEL}-----`);
export const END_KEY = new RegExp(`-----END ${KEY_LABEL}-----`);

export const RULES: readonly SecretRule[] = [
  {
    // BEGIN, then only what looks like key body (long base64 runs, one short last run, PEM headers), then
    // END if it comes: a BEGIN line with no END must not hide the text after it.
    kind: 'private-key',
    pattern: new RegExp(
      `-----BEGIN ${KEY_LABEL}-----(?:${KEY_SEP}(?:[A-Za-z0-9+/]{16,}={0,2}|${KEY_HEADER}))*(?:${KEY_SEP}[A-Za-z0-9+/]{1,15}={0,2})?(?:${KEY_SEP}-----END ${KEY_LABEL}-----)?`,
      'g',
    ),
  },
  {
    // In a file, a BEGIN line alone is code that handles keys (`if pem.startswith("-----BEGIN …")`); a key has a body.
    kind: 'private-key',
    pattern: new RegExp(`-----BEGIN ${KEY_LABEL}-----(?:${KEY_SEP}${KEY_HEADER})*${KEY_SEP}[A-Za-z0-9+/]{40,}`, 'g'),
    inFiles: true,
    notInLogs: true,
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
  // Ported from the secretlint preset (see the header).
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{24,99}(?![A-Za-z0-9])/g, inFiles: true },
  { kind: 'sendgrid-key', pattern: /(?<![A-Za-z0-9])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g, inFiles: true },
  {
    kind: 'slack-webhook',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]{1,40}\/B[A-Za-z0-9]{1,40}\/[A-Za-z0-9]{1,40}/gi,
    inFiles: true,
  },
  {
    kind: 'openai-key',
    pattern: /(?<![A-Za-z0-9])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|(?<![A-Za-z0-9])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/g,
    inFiles: true,
  },
  { kind: 'anthropic-key', pattern: /(?<![A-Za-z0-9])sk-ant-[a-z]+0\d-[A-Za-z0-9_-]{80,128}/g, inFiles: true },
  { kind: 'huggingface-token', pattern: /(?<![A-Za-z0-9])hf_[A-Za-z]{34}(?![A-Za-z])/g, inFiles: true },
  { kind: 'groq-key', pattern: /(?<![A-Za-z0-9])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9])/g, inFiles: true },
  { kind: 'shopify-token', pattern: /(?<![A-Za-z0-9])shp(?:pa|ca|at|ss)_[A-Za-z0-9]{32,64}(?![A-Za-z0-9])/g, inFiles: true },
  { kind: 'linear-key', pattern: /(?<![A-Za-z0-9])lin_api_[A-Za-z0-9_]{32,128}(?![A-Za-z0-9_])/g, inFiles: true },
  { kind: 'notion-token', pattern: /(?<![A-Za-z0-9])ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])/g, inFiles: true },
  {
    kind: 'grafana-token',
    pattern: /(?<![A-Za-z0-9])(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=])/g,
    inFiles: true,
  },
  { kind: '1password-token', pattern: /(?<![A-Za-z0-9])ops_ey[A-Za-z0-9+/=]{100,1280}/g, inFiles: true },
  { kind: 'vault-token', pattern: /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{90,300}(?![A-Za-z0-9_-])/g, inFiles: true },
  { kind: 'vercel-token', pattern: /(?<![A-Za-z0-9])vc[picrk]_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])/g, inFiles: true },
  { kind: 'databricks-token', pattern: /(?<![A-Za-z0-9])dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9])/g, inFiles: true },
  { kind: 'docker-token', pattern: /(?<![A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g, inFiles: true },
  { kind: 'figma-token', pattern: /(?<![A-Za-z0-9])figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g, inFiles: true },
  { kind: 'cloudflare-token', pattern: /(?<![A-Za-z0-9])cf(?:k|ut|at)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9])/g, inFiles: true },
  {
    kind: 'tailscale-key',
    pattern: /(?<![A-Za-z0-9])tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}(?![0-9A-Za-z_])/g,
    inFiles: true,
  },
  // Ours: shapes the preset does not have.
  { kind: 'google-api-key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, inFiles: true },
  {
    // Azure storage and Service Bus connection strings.
    kind: 'value',
    pattern: /\b((?:Account|SharedAccess)Key=)([A-Za-z0-9+/]{20,}={0,2})/g,
    replace: (_match, name) => `${name}${redacted('value')}`,
    inFiles: true,
  },
  {
    // `mysql -uroot -phunter2`: the password is glued to -p.
    kind: 'value',
    pattern: /(\bmysql(?:dump|admin)?\b[^\n]*?\s-p)(?!\s)([^\s'"]+|'[^']*'|"[^"]*")/g,
    replace: hideValue,
  },
  {
    kind: 'value',
    pattern: /(\bcurl\b[^\n]*?\s(?:-u|--user)\s*['"]?[^\s:'"]+:)([^\s'"]+)/g,
    replace: hideValue,
  },
  {
    // `PASS=`, `DB_PASS=`, `SMTP_PASS=`: PASS as a whole word, which KEYWORD (passw…) does not reach.
    kind: 'value',
    pattern: /(?<![\w.-])((?:[A-Za-z0-9]+_)*PASS\s*=\s*)("[^"]*"|'[^']*'|[^\s"',;&]+)/gi,
    replace: hideValue,
  },
  {
    // `aws configure set aws_secret_access_key VALUE` and `.yarnrc.yml`'s unquoted `npmAuthToken: VALUE`.
    kind: 'value',
    pattern: new RegExp(`(\\baws\\s+configure\\s+set\\s+${SECRET_NAME}\\s+|\\bnpmAuth(?:Token|Ident)\\s*:\\s*)${VALUE}`, 'gi'),
    replace: hideValue,
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  // AWS's documented example key (…EXAMPLE) is hidden in logs but does not make a file secret.
  { kind: 'aws-access-key', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'aws-access-key', pattern: /\b(AKIA|ASIA)(?![A-Z0-9]{9}EXAMPLE\b)[A-Z0-9]{16}\b/g, inFiles: true, notInLogs: true },
  { kind: 'github-token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, inFiles: true },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, inFiles: true },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, inFiles: true },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, inFiles: true },
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
    replace: hideValue,
  },
];

const FILE_RULES = RULES.filter((rule) => rule.inFiles);

/** The kind of the first certain secret shape in `text` (a file's contents), or null. */
export function secretShapeIn(text: string): string | null {
  if (!FILE_TRIGGER.test(text)) return null;
  for (const rule of FILE_RULES) {
    rule.pattern.lastIndex = 0;
    if (rule.pattern.test(text)) return rule.kind === 'value' ? 'connection-string key' : rule.kind;
  }
  return null;
}
