/**
 * The two readers of a build's log the streaming benchmark compares: a direct gRPC
 * `StreamBuildLogs` and an MCP client subscribed to `ignite://builds/{id}/logs` that reads on with
 * `?after=<cursor>` whenever it is notified. Both report when each line reached them.
 */
import type { IgniteClient } from '../src/client/client.js';
import type { McpStdio, RpcMessage } from './mcp-stdio.js';
import { rssOf } from './processes.js';

/**
 * Converts performance.now() to wall-clock milliseconds, to compare with the local Ignite's
 * `timestamp_ms` (Date.now() in another process). Date.now() is whole milliseconds, so the offset
 * is the largest difference seen over a few milliseconds of samples: the one taken just after a tick.
 */
export function calibrateWallClock(): (perfNow: number) => number {
  let offset = -Infinity;
  const until = performance.now() + 5;
  while (performance.now() < until) offset = Math.max(offset, Date.now() - performance.now());
  return (perfNow) => perfNow + offset;
}

/** Follows a build's log to its end; `onLine` gets each line's seq, its emission time and when it arrived. */
export async function followWithGrpc(
  client: IgniteClient,
  buildId: string,
  onLine: (seq: number, emittedMs: number, receivedAt: number) => void,
): Promise<number> {
  let lines = 0;
  for await (const frame of client.streamBuildLogs({ build_id: buildId, from_start: true, after_seq: 0 })) {
    const at = performance.now();
    if (frame.line) {
      lines++;
      onLine(Number(frame.line.seq), Number(frame.line.timestamp_ms), at);
    }
    if (frame.status?.terminal) break;
  }
  return lines;
}

export interface SubscriptionResult {
  lines: number;
  /** Milliseconds each `?after=` read took, in order. */
  readMs: number[];
  /** Arrival times (performance.now()) of every resources/updated for the URI, in order. */
  notifications: number[];
  subscribedAt: number;
}

export interface FollowOptions {
  /** Called with each read's range of seqs and when its response arrived. */
  onRead?: (fromSeq: number, toSeq: number, receivedAt: number) => void;
  /**
   * When given, notifications are only recorded, and the log is read once this resolves: what a
   * notification costs is then measured without reads loading the local Ignite at the same time.
   */
  readAfter?: Promise<unknown>;
}

const STALL_MS = 15_000;

/**
 * Subscribes, then reads on from its cursor after every notification (or once `readAfter`
 * resolves) until the resource says the log is complete. Reads never overlap: a notification
 * during a read marks one more. Throws if a line is lost or repeated, since a fast wrong answer
 * is not a benchmark result.
 */
export async function followWithMcp(mcp: McpStdio, buildId: string, options: FollowOptions = {}): Promise<SubscriptionResult> {
  const uri = `ignite://builds/${buildId}/logs`;
  const notifications: number[] = [];
  const readMs: number[] = [];
  let cursor = 0;
  let lines = 0;
  let dirty = true;
  let lastProgress = performance.now();
  let reading: Promise<void> | undefined;
  let finish!: (error?: Error) => void;
  const finished = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));

  const readOn = async () => {
    while (dirty) {
      dirty = false;
      const started = performance.now();
      const reply = await mcp.request('resources/read', { uri: `${uri}?after=${cursor}` });
      const at = performance.now();
      lastProgress = at;
      readMs.push(at - started);
      const content = (reply.result?.contents as Array<{ text: string; _meta: Record<string, unknown> }> | undefined)?.[0];
      if (!content) throw new Error(`resources/read ${uri} returned no content`);
      const next = Number(content._meta['ignite/next_after']);
      const got = content.text ? content.text.split('\n').length : 0;
      if (got !== next - cursor || (got > 0 && !content.text.startsWith(`${cursor + 1}\t`))) {
        throw new Error(`read after ${cursor} returned ${got} lines ending at ${next}: a line was lost or repeated`);
      }
      if (got > 0) options.onRead?.(cursor + 1, next, at);
      cursor = next;
      lines += got;
      if (Number(content._meta['ignite/lines_after']) > 0) dirty = true;
      if (content._meta['ignite/complete'] === true) return finish();
    }
  };
  const kick = () => {
    dirty = true;
    reading ??= readOn()
      .catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        reading = undefined;
        if (dirty) kick();
      });
  };
  let readsOpen = options.readAfter === undefined;
  mcp.onNotification = (message: RpcMessage, at: number) => {
    if (message.method !== 'notifications/resources/updated' || message.params?.uri !== uri) return;
    notifications.push(at);
    lastProgress = at;
    if (readsOpen) kick();
  };
  // A subscription the server gave up on sends nothing more; without this the bench would wait forever.
  const watchdog = setInterval(() => {
    if (performance.now() - lastProgress > STALL_MS && readsOpen && !reading) {
      finish(
        new Error(
          `no notification for ${STALL_MS / 1000} s and the log of ${buildId} is not complete (read up to ${cursor}); server stderr: ${mcp.stderr.slice(-1000)}`,
        ),
      );
    }
  }, 1000);
  try {
    await mcp.request('resources/subscribe', { uri });
    const subscribedAt = performance.now();
    if (options.readAfter) await options.readAfter;
    readsOpen = true;
    lastProgress = performance.now();
    kick();
    await finished;
    return { lines, readMs, notifications, subscribedAt };
  } finally {
    clearInterval(watchdog);
    mcp.onNotification = () => {};
  }
}

/** Index of the first value ≥ `at` in an ascending array (its length when there is none). */
export function firstAtOrAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Samples a process's resident memory every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs: number): { stop(): Array<{ at: number; rss: number }> } {
  const samples: Array<{ at: number; rss: number }> = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss !== undefined) samples.push({ at: performance.now(), rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
