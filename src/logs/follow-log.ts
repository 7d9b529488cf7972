/**
 * The one resume loop for build logs. The log hub (subscriptions, waiters) and log reads (tools,
 * resources) both read a build's log through it, so a cut connection is resumed by the same rules
 * wherever it happens: reopened after the last sequence number delivered, with no line lost or
 * repeated, until a run of resumes brings nothing new.
 */
import type { StreamBuildLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import { IgniteError } from '../client/ignite-error.js';
import { backoffDelayMs, pause, type BackoffPolicy } from '../shared/backoff.js';
import { LogLineRedactor } from '../shared/redact.js';

export interface LogLine {
  seq: number;
  timestamp_ms: number;
  stream: string;
  text: string;
}

export type LogFrame = { kind: 'line'; line: LogLine } | { kind: 'status'; status: string; terminal: boolean; error: string };

export type StreamBuildLogs = (
  request: { build_id: string; from_start: boolean; after_seq: number },
  options: { signal: AbortSignal },
) => AsyncIterable<StreamBuildLogsResponse__Output>;

export interface FollowLogOptions {
  /** Resumes in a row without a new line after which the follow fails with the last error. */
  maxResumes: number;
  /** Pause before resume n (from 1). */
  backoff: BackoffPolicy | ((resume: number) => number);
  signal?: AbortSignal | undefined;
  /** Values redacted from every line (the configured token); secret-shaped strings always are. */
  secrets: readonly string[];
  /** Which failures are worth a resume; by default the status table's `resumable` column. */
  isResumable?: ((err: unknown) => boolean) | undefined;
  /**
   * Called with each opened stream's own controller (a watchdog may abort a silent one); the
   * returned function runs when that stream is done.
   */
  onStreamOpened?: ((stream: AbortController) => () => void) | undefined;
}

/** A stream that ended cleanly before its build did: a proxy or server dropped it; resumed like a cut. */
export class LogStreamEndedEarly extends Error {
  constructor(buildId: string) {
    super(`the log stream of build ${buildId} ended before the build did`);
    this.name = 'LogStreamEndedEarly';
  }
}

const isResumableByTable = (err: unknown) => err instanceof IgniteError && err.resumable;

/**
 * Every line after `afterSeq` (redacted) and every status frame, in order, until the stream ends
 * after the build's terminal status. A stream that reaches the terminal status is read to its own
 * end rather than cancelled, since servers refuse connections that cancel streams at a high rate.
 * Breaking out of the loop cancels the open stream.
 */
export async function* followLog(
  streamBuildLogs: StreamBuildLogs,
  buildId: string,
  afterSeq: number,
  options: FollowLogOptions,
): AsyncGenerator<LogFrame> {
  const { signal } = options;
  const isResumable = options.isResumable ?? isResumableByTable;
  const redactor = new LogLineRedactor(options.secrets);
  let lastSeq = afterSeq;
  let ended = false;
  for (let resumes = 0; ;) {
    if (signal?.aborted) return;
    const current = new AbortController();
    const stopCurrent = () => current.abort();
    signal?.addEventListener('abort', stopCurrent, { once: true });
    const streamDone = options.onStreamOpened?.(current);
    try {
      for await (const frame of streamBuildLogs(
        { build_id: buildId, from_start: lastSeq === 0, after_seq: lastSeq },
        { signal: current.signal },
      )) {
        if (frame.line) {
          const seq = Number(frame.line.seq);
          if (seq <= lastSeq) continue;
          lastSeq = seq;
          // Only a new line is progress: status frames are replayed on every resume, and a stream
          // cut right after them each time must still run out of resumes.
          resumes = 0;
          yield {
            kind: 'line',
            line: { seq, timestamp_ms: Number(frame.line.timestamp_ms), stream: frame.line.stream, text: redactor.redact(frame.line.text) },
          };
        } else if (frame.status) {
          const { status, terminal, error } = frame.status;
          if (terminal) ended = true;
          yield { kind: 'status', status, terminal, error };
        }
      }
      if (ended || signal?.aborted) return;
      throw new LogStreamEndedEarly(buildId);
    } catch (err) {
      if (ended && !signal?.aborted) return;
      if (signal?.aborted || !(err instanceof LogStreamEndedEarly || isResumable(err)) || ++resumes > options.maxResumes) throw err;
      const { backoff } = options;
      await pause(typeof backoff === 'function' ? backoff(resumes) : backoffDelayMs(resumes, backoff), signal);
    } finally {
      streamDone?.();
      signal?.removeEventListener('abort', stopCurrent);
      current.abort();
    }
  }
}

/** One line as the model reads it: sequence number, then the text. */
export function formatLogLine(line: LogLine): string {
  return `${line.seq}\t${line.stream === 'stderr' ? '! ' : ''}${line.text}`;
}
