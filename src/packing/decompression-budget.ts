/**
 * How far an archive we did not write may expand while it is checked: its files may add up to the
 * context limit, and it may not inflate past a ratio of its own size, the way the local Ignite refuses a
 * decompression bomb when it unpacks one.
 */

export interface DecompressionBudget {
  /** The file's size on disk. */
  archiveBytes: number;
  /** Most file content the archive may hold (IGNITE_MCP_MAX_CONTEXT_BYTES, as for a folder). */
  maxContentBytes: number;
  /** Most it may expand beyond its own size, past a small grace: the local Ignite refuses more (200x). */
  maxRatio: number;
}

/** Below this much inflated data the ratio is not checked: small text archives compress far better than 200x. */
const RATIO_GRACE_BYTES = 1024 * 1024;

export class Meter {
  private inflated = 0;
  private content = 0;

  constructor(private readonly budget: DecompressionBudget) {}

  /** Why the archive is refused once `bytes` more have been inflated, or null. */
  inflate(bytes: number): string | null {
    this.inflated += bytes;
    const { archiveBytes, maxRatio } = this.budget;
    if (this.inflated > RATIO_GRACE_BYTES && this.inflated > archiveBytes * maxRatio) {
      return `it expands more than ${maxRatio}x its size of ${archiveBytes} bytes (over ${this.inflated} bytes so far), likely a decompression bomb`;
    }
    return null;
  }

  /** Why the archive is refused once an entry of `bytes` is added, or null. */
  addContent(bytes: number): string | null {
    this.content += bytes;
    if (this.content > this.budget.maxContentBytes) {
      return `its files add up to more than ${this.budget.maxContentBytes} bytes (IGNITE_MCP_MAX_CONTEXT_BYTES)`;
    }
    return null;
  }
}
