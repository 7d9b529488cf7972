/**
 * The one redactor. Everything that leaves ignite-mcp as text goes through it: build log lines, tool
 * results, resource reads, error messages and our own log lines. A build echoes whatever its
 * Dockerfile and tools print, apps echo requests, and servers echo request metadata into errors, so
 * any of them can carry the configured token or another credential. Each match becomes a visible
 * `[REDACTED:<kind>]` marker, so the reader knows something was there and why it is gone. The
 * shapes are in secret-rules.ts, shared with the packer's check of file contents.
 */
import { MIN_SECRET_LENGTH, secretForms, usableSecrets } from './known-secrets.js';
import { BEGIN_KEY, END_KEY, FILE_TRIGGER, redacted, RULES, TRIGGER } from './secret-rules.js';

export { MIN_SECRET_LENGTH } from './known-secrets.js';
export { redacted } from './secret-rules.js';

/** A private key is a few dozen lines; a block whose END never comes must not hide the rest of the log. */
const MAX_KEY_LINES = 100;
/** The prefix-token rules run only when a line has one of their prefixes (FILE_TRIGGER): one scan instead of twenty. */
const LOG_RULES = RULES.filter((rule) => !rule.notInLogs).map((rule) => ({
  rule,
  prefixed: rule.inFiles === true && rule.kind !== 'value' && rule.kind !== 'private-key',
}));

/** Colour and cursor codes (CSI, OSC): the `m` of `\e[32m` glued to a token would defeat every word boundary. */
const TERMINAL_CODES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;

/** A lone line of base64 as long as a PEM body line: key material even when the BEGIN line was not read. */
const KEY_BODY_LINE = /^\s*[A-Za-z0-9+/]{60,76}={0,2}\s*$/;
const looksLikeKeyBody = (text: string) => KEY_BODY_LINE.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);

/** Replaces each configured secret (the token, registry passwords), in any of its encoded forms, with the marker; nothing else. */
export function redactKnownSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of usableSecrets(secrets)) {
    for (const form of secretForms(secret)) if (out.includes(form)) out = out.split(form).join(redacted('secret'));
  }
  return out;
}

/** Redacts one piece of text on its own: configured secrets first, then secret-shaped strings. */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = redactKnownSecrets(text.includes('\x1b') ? text.replace(TERMINAL_CODES, '') : text, secrets);
  if (!TRIGGER.test(out)) return out;
  if (looksLikeKeyBody(out)) return redacted('private-key');
  const prefixes = FILE_TRIGGER.test(out);
  for (const { rule, prefixed } of LOG_RULES) {
    if (prefixed && !prefixes) continue;
    rule.pattern.lastIndex = 0;
    out = out.replace(rule.pattern, rule.replace ?? (() => redacted(rule.kind)));
  }
  return out;
}

/**
 * `text` (already redacted) cut to `maxChars`, and, when the cut or an earlier one (`cutBefore`) ends
 * in the first characters of a configured secret, those hidden too: a token split by a cut is not
 * whole, so matching the whole token missed it.
 */
export function cutRedacted(text: string, maxChars: number, secrets: readonly string[], cutBefore = false): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (!cutBefore && cut.length === text.length) return cut;
  for (const secret of usableSecrets(secrets)) {
    for (const form of secretForms(secret)) {
      for (let length = Math.min(form.length - 1, cut.length); length >= MIN_SECRET_LENGTH; length--) {
        if (cut.endsWith(form.slice(0, length))) return `${cut.slice(0, cut.length - length)}${redacted('secret')}`;
      }
    }
  }
  return cut;
}

/**
 * A copy of `value` (a tool result, a resource read) with every configured secret in every string,
 * keys included, replaced. Only configured secrets: a result legitimately holds digests and ids
 * that secret-shaped rules would take for keys.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  if (usableSecrets(secrets).length === 0) return value;
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

/** A line inside a PEM block: a long base64 run, or one of the headers an encrypted key carries, or blank. */
const KEY_BLOCK_LINE = /^\s*(?:[A-Za-z0-9+/]{16,100}={0,2}|(?:Proc-Type|DEK-Info|Comment|Version|Hash):.*|)\s*$/;
/** The short last line of a body, which only counts right after a full-width one. */
const KEY_LAST_LINE = /^\s*[A-Za-z0-9+/]{1,100}={0,2}\s*$/;

/**
 * Redacts the lines of one log read in order. A private key printed line by line spans many log
 * lines, so after a BEGIN line without its END the lines that look like key body are hidden, up to
 * the END line; the first line that does not look like one ends the block and is shown (redacted as
 * any line is), so a BEGIN line without END cannot hide the rest of the log.
 */
export class LogLineRedactor {
  private keyLines = 0;
  private lastBodyWidth = 0;

  constructor(private readonly secrets: readonly string[] = []) {}

  redact(text: string): string {
    if (this.keyLines > 0) {
      const end = END_KEY.exec(text);
      if (end) {
        this.keyLines = 0;
        return `${redacted('private-key')}${redactText(text.slice(end.index + end[0].length), this.secrets)}`;
      }
      if (++this.keyLines <= MAX_KEY_LINES && this.inKeyBlock(text)) return redacted('private-key');
      this.keyLines = 0;
    }
    const begin = BEGIN_KEY.exec(text);
    if (begin && !END_KEY.test(text.slice(begin.index))) {
      this.keyLines = 1;
      this.lastBodyWidth = 0;
    }
    return redactText(text, this.secrets);
  }

  private inKeyBlock(text: string): boolean {
    const width = text.trim().length;
    const body = KEY_BLOCK_LINE.test(text) || (this.lastBodyWidth >= 60 && KEY_LAST_LINE.test(text));
    this.lastBodyWidth = body ? width : 0;
    return body;
  }
}
