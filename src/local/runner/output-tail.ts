/**
 * The last lines a process wrote to one of its streams, bounded in lines and bytes, so an error
 * can quote what the app said before it died without holding its whole output.
 */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines = 20,
    private readonly maxBytes = 2048,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-this.maxBytes);
    for (const line of parts) this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
  }

  /** The tail as text: the newest lines that fit both bounds, oldest first. */
  text(): string {
    const all = this.partial ? [...this.lines, this.partial] : [...this.lines];
    const kept: string[] = [];
    let bytes = 0;
    for (let i = all.length - 1; i >= 0 && kept.length < this.maxLines; i--) {
      const line = all[i]!;
      const size = Buffer.byteLength(line) + 1;
      if (bytes + size > this.maxBytes) {
        if (kept.length === 0) kept.unshift(`…${line.slice(-(this.maxBytes - 1))}`);
        break;
      }
      kept.unshift(line);
      bytes += size;
    }
    return kept.join('\n').trimEnd();
  }
}
