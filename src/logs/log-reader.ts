import type { Build__Output } from '../contract/generated/dodil/ignite/v1/Build.js';
import type { GetBuildResponse__Output } from '../contract/generated/dodil/ignite/v1/GetBuildResponse.js';
import type { StreamBuildLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { BackoffPolicy } from '../shared/backoff.js';
import { followLog, type LogLine } from './follow-log.js';

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
 * Cuts are resumed by the one resume loop (follow-log.ts). Lines come out redacted.
 */
export async function* readLines(
  source: LogSource,
  buildId: string,
  afterSeq: number,
  untilSeq: number,
  options: ReadLinesOptions,
): AsyncGenerator<LogLine> {
  const cached = options.cache?.linesBetween(buildId, afterSeq, untilSeq);
  if (cached) {
    yield* cached;
    return;
  }
  if (afterSeq >= untilSeq) return;
  const frames = followLog((request, callOptions) => source.streamBuildLogs(request, callOptions), buildId, afterSeq, {
    maxResumes: MAX_RESUMES,
    backoff: RESUME_BACKOFF,
    signal: options.signal,
    secrets: options.secrets,
  });
  for await (const frame of frames) {
    if (frame.kind === 'status') {
      if (frame.terminal && !options.buildEnded) return;
      continue;
    }
    if (frame.line.seq > untilSeq) continue;
    yield frame.line;
    if (frame.line.seq >= untilSeq && !options.buildEnded) return;
  }
}
