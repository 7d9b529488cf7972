/**
 * Cuts a stream of chunks into lines as they arrive, so every line a child prints reaches its
 * reader at once (not when the child ends). A line that never ends is handed on at `flush()`.
 */
export class LineSplitter {
  private partial = '';

  constructor(
    private readonly onLine: (line: string) => void,
    /** A line longer than this is handed on in pieces, so one endless line cannot hold memory. */
    private readonly maxChars = 64 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    while (this.partial.length > this.maxChars) {
      this.onLine(this.partial.slice(0, this.maxChars));
      this.partial = this.partial.slice(this.maxChars);
    }
  }

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
