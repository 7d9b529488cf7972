import type { Build__Output } from '../grpc/generated/dodil/ignite/v1/Build.js';
import type { GetBuildResponse__Output } from '../grpc/generated/dodil/ignite/v1/GetBuildResponse.js';
import type { StreamBuildLogsResponse__Output } from '../grpc/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { LogLine } from './build-log-hub.js';

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

/**
 * Yields the persisted lines in (afterSeq, untilSeq] and stops: a read of what exists now, not a
 * follow. The caller decides when it has enough and breaks, which cancels the upstream stream.
 */
export async function* readLines(source: LogSource, buildId: string, afterSeq: number, untilSeq: number, signal?: AbortSignal): AsyncGenerator<LogLine> {
  if (untilSeq <= afterSeq) return;
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const stream = source.streamBuildLogs({ build_id: buildId, from_start: afterSeq === 0, after_seq: afterSeq }, { signal: controller.signal });
    for await (const frame of stream) {
      if (!frame.line) {
        if (frame.status?.terminal) return;
        continue;
      }
      const seq = Number(frame.line.seq);
      if (seq <= afterSeq) continue;
      yield { seq, timestamp_ms: Number(frame.line.timestamp_ms), stream: frame.line.stream, text: frame.line.text };
      if (seq >= untilSeq) return;
    }
  } finally {
    signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}

/** One line as the model reads it: sequence number, then the text. */
export function formatLogLine(line: LogLine): string {
  return `${line.seq}\t${line.stream === 'stderr' ? '! ' : ''}${line.text}`;
}
