/**
 * The one resume loop for logs, build logs and app logs alike. The log hubs (subscriptions,
 * waiters) and log reads (tools, resources) read through it, so a cut connection is resumed by the
 * same rules wherever it happens: reopened after the last sequence number delivered, with no line
 * lost or repeated, until a run of resumes brings nothing new.
 */
import type { StreamAppLogsRequest } from '../contract/generated/dodil/ignite/v1/StreamAppLogsRequest.js';
import type { StreamAppLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/StreamAppLogsResponse.js';
import type { StreamBuildLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import { IgniteError } from '../client/ignite-error.js';
import { backoffDelayMs, pause, type BackoffPolicy } from '../shared/backoff.js';
import { LogLineRedactor } from '../shared/redact.js';

export interface LogLine {
  seq: number;
  timestamp_ms: number;
  stream: string;
  text: string;
  /** App logs: the version that wrote the line (0 for the draft) and its execution, when known. */
  version?: number;
  draft?: boolean;
  execution_id?: string;
}

export type LogFrame = { kind: 'line'; line: LogLine } | { kind: 'status'; status: string; terminal: boolean; error: string };

export type StreamBuildLogs = (
  request: { build_id: string; from_start: boolean; after_seq: number },
  options: { signal: AbortSignal },
) => AsyncIterable<StreamBuildLogsResponse__Output>;

export type StreamAppLogs = (
  request: StreamAppLogsRequest,
  options: { signal: AbortSignal },
) => AsyncIterable<StreamAppLogsResponse__Output>;

/** What an app log follow asks for besides the cursor. */
export type AppLogRequest = Pick<StreamAppLogsRequest, 'organization_name' | 'app_name' | 'filter'>;

/** Either stream, opened after a sequence number: its frames carry a line or (build logs) a status. */
type OpenAfter = (
  afterSeq: number,
  options: { signal: AbortSignal },
) => AsyncIterable<{
  line?: {
    seq: string;
    timestamp_ms: string;
    stream: string;
    text: string;
    version?: number;
    draft?: boolean;
    execution_id?: string;
  } | null;
  status?: { status: string; terminal: boolean; error: string } | null;
}>;

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
  constructor(what: string) {
    super(`the log stream of ${what} ended early`);
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
export function followLog(
  streamBuildLogs: StreamBuildLogs,
  buildId: string,
  afterSeq: number,
  options: FollowLogOptions,
): AsyncGenerator<LogFrame> {
  const open: OpenAfter = (after, callOptions) =>
    streamBuildLogs({ build_id: buildId, from_start: after === 0, after_seq: after }, callOptions);
  return follow(open, `build ${buildId}`, afterSeq, options);
}

/**
 * Every line of an app's log after `afterSeq` that matches the request's filter (redacted), live,
 * until the signal aborts. An app's log has no end: a stream that ends is resumed like a cut one,
 * and a reopen of a deleted app fails with NOT_FOUND, which ends the follow.
 */
export function followAppLog(
  streamAppLogs: StreamAppLogs,
  request: AppLogRequest,
  afterSeq: number,
  options: FollowLogOptions,
): AsyncGenerator<LogFrame> {
  const open: OpenAfter = (after, callOptions) => streamAppLogs({ ...request, after_seq: after, from_start: true }, callOptions);
  return follow(open, `app ${request.app_name}`, afterSeq, options);
}

async function* follow(open: OpenAfter, what: string, afterSeq: number, options: FollowLogOptions): AsyncGenerator<LogFrame> {
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
      for await (const frame of open(lastSeq, { signal: current.signal })) {
        if (frame.line) {
          const seq = Number(frame.line.seq);
          if (seq <= lastSeq) continue;
          lastSeq = seq;
          // Only a new line is progress: status frames are replayed on every resume, and a stream
          // cut right after them each time must still run out of resumes.
          resumes = 0;
          const { version, draft, execution_id } = frame.line;
          yield {
            kind: 'line',
            line: {
              seq,
              timestamp_ms: Number(frame.line.timestamp_ms),
              stream: frame.line.stream,
              text: redactor.redact(frame.line.text),
              ...(version !== undefined ? { version, draft: draft ?? false, execution_id: execution_id ?? '' } : {}),
            },
          };
        } else if (frame.status) {
          const { status, terminal, error } = frame.status;
          if (terminal) ended = true;
          yield { kind: 'status', status, terminal, error };
        }
      }
      if (ended || signal?.aborted) return;
      throw new LogStreamEndedEarly(what);
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

/** One line as the model reads it: sequence number, (app logs) version and execution, then the text. */
export function formatLogLine(line: LogLine): string {
  const source =
    line.version === undefined ? '' : `${line.draft ? 'draft' : `v${line.version}`}${line.execution_id ? ` ${line.execution_id}` : ''}\t`;
  return `${line.seq}\t${source}${line.stream === 'stderr' ? '! ' : ''}${line.text}`;
}
