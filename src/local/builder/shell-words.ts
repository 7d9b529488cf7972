/**
 * Dockerfile variable substitution, following the word rules of Docker's shell lexer
 * (moby/buildkit frontend/dockerfile/shell): quotes are removed, single quotes are literal,
 * double quotes still expand, the escape character escapes outside quotes and only `"`, `$` and
 * itself inside double quotes. CMD, ENTRYPOINT and RUN are never expanded: the shell does that
 * at run time, so only the instructions Docker expands go through here.
 */
export type VariableLookup = (name: string) => string | undefined;

export class SubstitutionError extends Error {}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function expandWord(word: string, lookup: VariableLookup, escapeChar = '\\'): string {
  return new WordLexer(word, lookup, escapeChar).word('');
}

class WordLexer {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly lookup: VariableLookup,
    private readonly escape: string,
  ) {}

  /** Reads until the end of the text or an unquoted `stop` character (used for `${x:-word}`). */
  word(stop: string): string {
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (stop && ch === stop) break;
      this.pos++;
      if (ch === this.escape) {
        if (this.pos < this.text.length) out += this.text[this.pos++];
      } else if (ch === "'") {
        out += this.until("'");
      } else if (ch === '"') {
        out += this.doubleQuoted();
      } else if (ch === '$') {
        out += this.variable();
      } else {
        out += ch;
      }
    }
    return out;
  }

  private until(close: string): string {
    const end = this.text.indexOf(close, this.pos);
    if (end < 0) throw new SubstitutionError(`unexpected end of statement while looking for matching ${close}`);
    const value = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return value;
  }

  private doubleQuoted(): string {
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === '"') return out;
      if (ch === '$') {
        out += this.variable();
      } else if (ch === this.escape && this.pos < this.text.length && ['"', '$', this.escape].includes(this.text[this.pos]!)) {
        out += this.text[this.pos++];
      } else {
        out += ch;
      }
    }
    throw new SubstitutionError('unexpected end of statement while looking for matching "');
  }

  /** After a `$`: a name, `{name}`, or `{name<op>word}`; a lone `$` stays literal. */
  private variable(): string {
    const next = this.text[this.pos];
    if (next === '{') {
      this.pos++;
      const name = this.name();
      if (!name) throw new SubstitutionError(`bad substitution in "${this.text}"`);
      const value = this.lookup(name);
      if (this.text[this.pos] === '}') {
        this.pos++;
        return value ?? '';
      }
      const colon = this.text[this.pos] === ':';
      if (colon) this.pos++;
      const op = this.text[this.pos++];
      if (op !== '-' && op !== '+' && op !== '?') throw new SubstitutionError(`unsupported modifier in "${this.text}"`);
      const word = this.word('}');
      if (this.text[this.pos] !== '}') throw new SubstitutionError(`missing '}' in "${this.text}"`);
      this.pos++;
      const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
      if (op === '-') return isSet ? value! : word;
      if (op === '+') return isSet ? word : '';
      if (!isSet) throw new SubstitutionError(`${name}: ${word || 'is not allowed to be unset'}`);
      return value!;
    }
    if (next !== undefined && NAME_START.test(next)) return this.lookup(this.name()) ?? '';
    return '$';
  }

  private name(): string {
    const start = this.pos;
    if (this.pos < this.text.length && NAME_START.test(this.text[this.pos]!)) {
      this.pos++;
      while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!)) this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
}
