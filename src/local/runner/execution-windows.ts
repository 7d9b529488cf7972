/**
 * Which execution a line of app output belongs to. An app's stdout carries no request id, so the
 * local Ignite attributes by time, per instance: each execution is a window from the moment its
 * request is sent to the app until its response body has been read. A line is attributed to an
 * execution when its timestamp falls inside exactly one window of that instance. Lines inside no
 * window but at most GRACE_MS after the end of exactly one (output that reached us just after the
 * response did: a pipe and a socket are read separately) go to that one. Everything else stays
 * unattributed: lines of several executions in flight at once (concurrency > 1 is ambiguous by
 * construction), health checks, start-up and background output. The container engine's lines
 * carry the engine's timestamps, the process engine's the time they arrived.
 */
export const GRACE_MS = 250;
/** Windows remembered per instance, so lines that arrive late (container logs) still find theirs. */
const KEPT = 64;

interface Window {
  id: string;
  start: number;
  end?: number;
}

export class ExecutionWindows {
  private windows: Window[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  begin(id: string): () => void {
    const window: Window = { id, start: this.now() };
    this.windows.push(window);
    if (this.windows.length > KEPT) this.windows = this.windows.filter((w) => w.end === undefined).concat(this.ended().slice(-KEPT / 2));
    return () => {
      window.end ??= this.now();
    };
  }

  /** The one execution a line written at `timestampMs` belongs to, or undefined. */
  attribute(timestampMs: number): string | undefined {
    const inside = this.windows.filter((w) => w.start <= timestampMs && (w.end === undefined || timestampMs <= w.end));
    if (inside.length === 1) return inside[0]!.id;
    if (inside.length > 1) return undefined;
    const justAfter = this.windows.filter((w) => w.end !== undefined && w.end < timestampMs && timestampMs <= w.end + GRACE_MS);
    return justAfter.length === 1 ? justAfter[0]!.id : undefined;
  }

  private ended(): Window[] {
    return this.windows.filter((w) => w.end !== undefined);
  }
}
