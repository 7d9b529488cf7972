import { redactText } from '../../shared/redact.js';

/**
 * The last lines a process wrote to one of its streams, bounded in lines and bytes, so an error
 * can quote what the app said before it died without holding its whole output. Error lines are
 * remembered apart, so later chatter (a health probe logged on every poll) cannot push them out.
 */
export class OutputTail {
  private lines: Line[] = [];
  private errors: Line[] = [];
  private partial = '';
  private count = 0;

  constructor(
    /** Lines kept; quote() picks among them. */
    private readonly maxLines = 40,
    private readonly maxBytes = 2048,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-this.maxBytes);
    for (const line of parts) this.pushLine(line);
  }

  /** One whole line (a reader that splits lines itself, e.g. container logs). */
  pushLine(text: string): void {
    const line = { n: this.count++, text: text.length > MAX_LINE_CHARS ? `…${text.slice(-MAX_LINE_CHARS)}` : text };
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
    if (ERROR.test(text) && !NOISE.test(text)) {
      this.errors.push(line);
      if (this.errors.length > MAX_ERRORS) this.errors.shift();
    }
  }

  /** The tail as text: the newest lines that fit both bounds, oldest first. */
  text(maxLines = 20, maxBytes = this.maxBytes): string {
    return fit(
      this.all().map((line) => line.text),
      maxLines,
      maxBytes,
    )
      .join('\n')
      .trimEnd();
  }

  /**
   * The lines worth quoting in an error, oldest first: noise dropped (blank lines, npm notices and
   * update nags), a line repeated in a row shown once with its count, the last error lines kept,
   * and the newest lines after them.
   */
  quote(maxLines = 12, maxBytes = 2048): string {
    const recent = collapseRepeats(this.all().filter((line) => !NOISE.test(line.text)));
    const errors = this.errors.filter((line) => !recent.some((kept) => kept.n === line.n)).slice(-Math.ceil(maxLines / 2));
    const newest = recent.slice(-(maxLines - errors.length));
    // Quoted into errors and logs: what the app printed goes through the redactor like any output.
    const picked = [...errors, ...newest].sort((a, b) => a.n - b.n).map((line) => redactText(line.text));
    return fit(picked, maxLines, maxBytes).join('\n');
  }

  private all(): Line[] {
    return this.partial ? [...this.lines, { n: this.count, text: this.partial }] : [...this.lines];
  }
}

/** An app's last stdout and stderr lines, quoted for an error message (the same words for every engine). */
export function quoteStreams(stdout: OutputTail, stderr: OutputTail): string {
  const quoted = (name: string, tail: OutputTail) => {
    const text = tail.quote();
    return text ? `Last ${name} lines:\n${text}` : `It wrote nothing to ${name}.`;
  };
  return `${quoted('stdout', stdout)}\n${quoted('stderr', stderr)}`;
}

interface Line {
  /** Arrival order. */
  n: number;
  text: string;
}

const MAX_LINE_CHARS = 16 * 1024;
const MAX_ERRORS = 6;
const NOISE = /^\s*$|^npm (notice|WARN (config|deprecated))\b|^(> |\s*npm fund|\s*run `npm fund`)/;
const ERROR = /\b(error|exception|traceback|fatal|panic|failed|cannot|refused|EADDRINUSE|EACCES|ENOENT)\b|npm ERR!/i;

/** Runs of one line (a health probe logged on every poll) as that line once, with the count. */
function collapseRepeats(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length;) {
    let end = i + 1;
    while (end < lines.length && lines[end]!.text === lines[i]!.text) end++;
    out.push(end - i > 1 ? { n: lines[end - 1]!.n, text: `${lines[i]!.text} (${end - i} times)` } : lines[i]!);
    i = end;
  }
  return out;
}

/** The newest lines that fit both bounds, oldest first; a single oversized line is cut from its start. */
function fit(all: string[], maxLines: number, maxBytes: number): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = all.length - 1; i >= 0 && kept.length < maxLines; i--) {
    const line = all[i]!;
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > maxBytes) {
      if (kept.length === 0) kept.unshift(`…${line.slice(-(maxBytes - 1))}`);
      break;
    }
    kept.unshift(line);
    bytes += size;
  }
  return kept;
}
