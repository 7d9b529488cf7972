/**
 * Waiting between attempts, shared by the read retries, the log readers' resumes and the log hub.
 * Kept free of gRPC imports so the modules that use it load without the gRPC stack.
 */

export interface BackoffPolicy {
  /** Backoff before retry n is a random delay in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))) ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/**
 * Waits `ms`, or less if `signal` aborts first. It never rejects: the callers (retry and resume
 * loops) check their signal right after and decide what an abort means for them.
 */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    if (signal?.aborted) done();
  });
}
