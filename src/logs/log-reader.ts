import type { Build__Output } from '../contract/generated/dodil/ignite/v1/Build.js';
import type { GetBuildResponse__Output } from '../contract/generated/dodil/ignite/v1/GetBuildResponse.js';
import type { StreamBuildLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import { backoffDelayMs, pause, type BackoffPolicy } from '../shared/backoff.js';
import { IgniteError } from '../client/ignite-error.js';
import { isSafeToRetry } from '../contract/status.js';
import type { LogLine } from './build-log-hub.js';
import { LogLineRedactor } from '../shared/redact.js';

/** The two calls a log read needs; the Ignite client has both. */
export interface LogSource {
  getBuild(request: { build_id: string }, options?: { signal?: AbortSignal }): Promise<GetBuildResponse__Output>;
  streamBuildLogs(
    request: { build_id: string; from_start: boolean; after_seq: number },
    options?: { signal?: AbortSignal },
  ): AsyncIterable<StreamBuildLogsResponse__Output>;
}

export interface LogSnapshot {
  build: Build__Output;
  /** Last sequence number persisted when the read started. */
  lastSeq: number;
}

/** Reads the build record, which fixes the end of a snapshot read (`last_log_seq`). */
export async function snapshotOf(source: LogSource, buildId: string, signal?: AbortSignal): Promise<LogSnapshot> {
  const { build } = await source.getBuild({ build_id: buildId }, { signal });
  if (!build) throw new Error(`GetBuild returned no build record for ${buildId}`);
  return { build, lastSeq: Number(build.last_log_seq) };
}

/** Consecutive cut streams, with no line in between, after which a read gives up. */
const MAX_RESUMES = 5;
// Shorter pauses than for unary reads: a tool call is waiting, and five resumes stay under ~1.5 s.
const RESUME_BACKOFF: BackoffPolicy = { baseDelayMs: 50, maxDelayMs: 1000 };

/** Lines already in hand (the log hub's buffer of a followed build), already redacted. */
export interface LogLineCache {
  linesBetween(buildId: string, afterSeq: number, untilSeq: number): LogLine[] | undefined;
}

export interface ReadLinesOptions {
  signal?: AbortSignal | undefined;
  /** Values redacted from every line (deps.secrets()); secret-shaped strings always are. */
  secrets: readonly string[];
  cache?: LogLineCache | undefined;
  /**
   * The build has ended: its stream ends by itself after the last line, so it is read to its end
   * rather than cancelled (a server refuses connections that cancel streams at a high rate).
   */
  buildEnded?: boolean;
}

/**
 * Yields the persisted lines in (afterSeq, untilSeq] and stops: a read of what exists now, not a
 * follow. The caller decides when it has enough and breaks, which cancels the upstream stream.
 * A stream cut by a passing fault is reopened after the last line yielded, so the caller sees
 * every line once whatever happens to the connection. Lines come out redacted.
 */
export async function* readLines(source: LogSource, buildId: string, afterSeq: number, untilSeq: number, options: ReadLinesOptions): AsyncGenerator<LogLine> {
  const { signal } = options;
  const cached = options.cache?.linesBetween(buildId, afterSeq, untilSeq);
  if (cached) {
    yield* cached;
    return;
  }
  const redactor = new LogLineRedactor(options.secrets);
  let lastSeq = afterSeq;
  for (let failures = 0; lastSeq < untilSeq; ) {
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const stream = source.streamBuildLogs({ build_id: buildId, from_start: lastSeq === 0, after_seq: lastSeq }, { signal: controller.signal });
      for await (const frame of stream) {
        if (!frame.line) {
          if (frame.status?.terminal && !options.buildEnded) return;
          continue;
        }
        const seq = Number(frame.line.seq);
        if (seq <= lastSeq || seq > untilSeq) continue;
        lastSeq = seq;
        failures = 0;
        yield { seq, timestamp_ms: Number(frame.line.timestamp_ms), stream: frame.line.stream, text: redactor.redact(frame.line.text) };
        if (seq >= untilSeq && !options.buildEnded) return;
      }
      return;
    } catch (err) {
      if (signal?.aborted || !isPassingFault(err) || ++failures > MAX_RESUMES) throw err;
      await pause(backoffDelayMs(failures, RESUME_BACKOFF), signal);
    } finally {
      signal?.removeEventListener('abort', abort);
      controller.abort();
    }
  }
}

function isPassingFault(err: unknown): boolean {
  return err instanceof IgniteError && isSafeToRetry(err.code);
}


/** One line as the model reads it: sequence number, then the text. */
export function formatLogLine(line: LogLine): string {
  return `${line.seq}\t${line.stream === 'stderr' ? '! ' : ''}${line.text}`;
}
