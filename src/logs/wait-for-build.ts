import type { BuildLogHub } from './build-log-hub.js';
import type { LogLine } from './follow-log.js';

export type WaitOutcome = 'ended' | 'timeout' | 'aborted' | 'stream-failed';

export interface WaitOptions {
  /** Lines after this are reported to `onLine`; older ones are not replayed. */
  afterSeq: number;
  timeoutMs: number;
  signal: AbortSignal;
  onLine?: (line: LogLine) => void;
}

/** Waits for a build to end through the shared log stream, so waiters add no upstream streams. */
export function waitForBuildEnd(hub: BuildLogHub, buildId: string, options: WaitOptions): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: WaitOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      queueMicrotask(stop);
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    const stop = hub.follow(
      buildId,
      (event) => {
        if (event.kind === 'line') options.onLine?.(event.line);
        else if (event.kind === 'status' && event.terminal) finish('ended');
        else if (event.kind === 'failed') finish('stream-failed');
      },
      options.afterSeq,
    );
    if (options.signal.aborted) finish('aborted');
  });
}
