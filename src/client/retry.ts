/**
 * Automatic retries for the calls that are safe to repeat. A read retried after UNAVAILABLE costs
 * nothing; a write retried after a timeout may run twice (two builds, two published versions), so
 * writes are never retried here: the tool layer tells the agent how to check instead.
 */
import { backoffDelayMs, pause, type BackoffPolicy } from '../shared/backoff.js';
import type { Logger } from '../shared/log.js';
import { isSafeToRetry } from '../contract/status.js';
import { cancelledByCaller, IgniteError } from './ignite-error.js';

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in all, the first included; 1 turns retries off. */
  maxAttempts: number;
  /**
   * Deadline of each attempt. Unset, an attempt may use half of the call's deadline, so a hung
   * attempt still leaves time for another; never more than what is left of the call's deadline.
   */
  attemptDeadlineMs?: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 });

/** An attempt with less time than this left would only fail with DEADLINE_EXCEEDED. */
const MIN_ATTEMPT_MS = 10;

const positive = (value: number | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The defaults with every usable override applied; nonsense values fall back instead of disabling limits. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: positive(overrides.maxAttempts) ? Math.floor(overrides.maxAttempts) : DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: positive(overrides.baseDelayMs) ? overrides.baseDelayMs : DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: positive(overrides.maxDelayMs) ? overrides.maxDelayMs : DEFAULT_RETRY_POLICY.maxDelayMs,
  };
  if (positive(overrides.attemptDeadlineMs)) policy.attemptDeadlineMs = overrides.attemptDeadlineMs;
  return policy;
}

export interface RetryRun {
  /** The RPC, for log lines and the final error. */
  target: { service: string; method: string };
  policy: RetryPolicy;
  /** The caller's deadline: all attempts and the pauses between them fit in it. */
  budgetMs: number;
  signal?: AbortSignal;
  logger: Logger;
}

/** Runs `attempt` with its own deadline until it succeeds, fails for good, or the budget is spent. */
export async function withRetries<T>(run: RetryRun, attempt: (deadlineMs: number) => Promise<T>): Promise<T> {
  const { policy, budgetMs, target, signal } = run;
  const endsAt = Date.now() + budgetMs;
  const perAttempt = policy.attemptDeadlineMs ?? Math.max(MIN_ATTEMPT_MS, Math.ceil(budgetMs / 2));
  for (let n = 1; ; n++) {
    try {
      return await attempt(Math.max(1, Math.min(perAttempt, endsAt - Date.now())));
    } catch (err) {
      if (!(err instanceof IgniteError) || !isSafeToRetry(err.code) || signal?.aborted) throw err;
      const delay = Math.round(backoffDelayMs(n, policy));
      if (n >= policy.maxAttempts || Date.now() + delay + MIN_ATTEMPT_MS > endsAt) throw gaveUp(err, target, n);
      run.logger.debug(`${target.service}/${target.method} ${err.codeName}; retry ${n} of ${policy.maxAttempts - 1} in ${delay} ms`, {
        attempt: n,
        delayMs: delay,
        leftMs: endsAt - Date.now(),
      });
      await pause(delay, signal);
      if (signal?.aborted) throw cancelledByCaller(target);
    }
  }
}

function gaveUp(err: IgniteError, target: RetryRun['target'], attempts: number): IgniteError {
  if (attempts === 1) return err;
  return new IgniteError({
    code: err.code,
    details: `${err.details} (gave up after ${attempts} attempts)`,
    operation: err.operation,
    service: target.service,
    cause: err.cause,
  });
}
