/**
 * The last lines a process wrote to one of its streams, bounded in lines and bytes, so an error
 * can quote what the app said before it died without holding its whole output.
 */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

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
  pushLine(line: string): void {
    this.lines.push(line.length > MAX_LINE_CHARS ? `…${line.slice(-MAX_LINE_CHARS)}` : line);
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
  }

  /** The tail as text: the newest lines that fit both bounds, oldest first. */
  text(maxLines = 20, maxBytes = this.maxBytes): string {
    return fit(this.all(), maxLines, maxBytes).join('\n').trimEnd();
  }

  /**
   * The lines worth quoting in an error: noise dropped (blank lines, npm notices and update nags; a
   * line repeated in a row shown once, with its count),
   * error lines kept even when later chatter would push them out, then the newest lines.
   */
  quote(maxLines = 12, maxBytes = 2048): string {
    const lines = collapseRepeats(this.all().filter((line) => !NOISE.test(line)));
    const errors = new Set(lines.filter((line) => ERROR.test(line)).slice(-Math.ceil(maxLines / 2)));
    const newest = new Set(lines.filter((line) => !errors.has(line)).slice(-(maxLines - errors.size)));
    return fit(
      lines.filter((line) => errors.has(line) || newest.has(line)),
      maxLines,
      maxBytes,
    ).join('\n');
  }

  private all(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }
}

const MAX_LINE_CHARS = 16 * 1024;
const NOISE = /^\s*$|^npm (notice|WARN (config|deprecated))\b|^(> |\s*npm fund|\s*run `npm fund`)/;
const ERROR = /\b(error|exception|traceback|fatal|panic|failed|cannot|refused|EADDRINUSE|EACCES|ENOENT)\b|npm ERR!/i;

/** Runs of one line (a health probe logged on every poll) as that line once, with the count. */
function collapseRepeats(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    let end = i + 1;
    while (end < lines.length && lines[end] === lines[i]) end++;
    out.push(end - i > 1 ? `${lines[i]} (${end - i} times)` : lines[i]!);
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
