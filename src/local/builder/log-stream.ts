import { stat } from 'node:fs/promises';
import type * as grpc from '@grpc/grpc-js';
import type { StreamBuildLogsRequest__Output } from '../../contract/generated/dodil/ignite/v1/StreamBuildLogsRequest.js';
import type { StreamBuildLogsResponse } from '../../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { CallerPolicy } from '../rpc/caller.js';
import { invalidArgument } from '../rpc/errors.js';
import { isTerminal } from './build-lifecycle.js';
import type { LocalBuildEngine } from './engine.js';

type LogCall = grpc.ServerWritableStream<StreamBuildLogsRequest__Output, StreamBuildLogsResponse>;

/**
 * StreamBuildLogs. The stream reads the build's journal by byte offset and, at its end, waits for
 * the next append, taken before each read, so nothing written in between is missed; lines are
 * also deduplicated by seq. Only a read buffer is held per stream, and `write` returning false
 * pauses reading until the client catches up.
 */
export function streamBuildLogsHandler(engine: LocalBuildEngine, callers: CallerPolicy) {
  return async (call: LogCall): Promise<void> => {
    const { organization } = callers.identify(call.metadata);
    const request = call.request;
    if (!request.build_id) throw invalidArgument('build_id is required');
    await engine.ready;
    engine.getFor(request.build_id, organization);
    const buildId = request.build_id;
    const afterSeq = Number(request.after_seq || '0');

    let stopped = call.cancelled;
    let wakeStop: () => void = () => {};
    const stoppedSignal = new Promise<void>((resolve) => (wakeStop = resolve));
    call.on('cancelled', () => {
      stopped = true;
      wakeStop();
    });
    const send = async (message: StreamBuildLogsResponse) => {
      if (stopped) return;
      if (!call.write(message)) await Promise.race([new Promise((resolve) => call.once('drain', resolve)), stoppedSignal]);
    };

    // Lines at or below `threshold` are not sent; status events only once the reader has passed it.
    let threshold: number;
    let offset = 0;
    let lastSeen = 0;
    if (afterSeq > 0) {
      threshold = afterSeq;
      const start = engine.journal.resumePoint(buildId, afterSeq);
      offset = start.offset;
      lastSeen = start.seqBefore;
    } else if (request.from_start) threshold = 0;
    else {
      const position = engine.logPosition(buildId) ?? { seq: Number(engine.get(buildId)!.last_log_seq), bytes: await fileSize(engine.journal.file(buildId)) };
      threshold = position.seq;
      offset = position.bytes;
      lastSeen = position.seq;
    }
    let sentSeq = threshold;
    let checkedAfterEnd = false;

    while (!stopped) {
      const changed = engine.journal.changed(buildId);
      for await (const { entry, end } of engine.journal.read(buildId, offset)) {
        if (stopped) return;
        offset = end;
        if (entry.kind === 'line') {
          lastSeen = entry.line.seq;
          if (entry.line.seq <= sentSeq) continue;
          sentSeq = entry.line.seq;
          await send({ line: { ...entry.line, seq: String(entry.line.seq), timestamp_ms: String(entry.line.timestamp_ms) } });
        } else if (lastSeen >= threshold) {
          const { status } = entry;
          await send({ status: { ...status, at_ms: String(status.at_ms) } });
          if (status.terminal) return void call.end();
        }
      }
      const build = engine.get(buildId)!;
      if (isTerminal(build.status)) {
        // The terminal entry is appended in the same tick the record ends: one more read finds it,
        // and a journal without one (cut by a crash) still ends with the record's own status.
        if (!checkedAfterEnd) {
          checkedAfterEnd = true;
          continue;
        }
        await send({ status: { status: build.status, at_ms: build.finished_at_ms, terminal: true, error: build.error } });
        return void call.end();
      }
      await Promise.race([changed, stoppedSignal]);
    }
  };
}

async function fileSize(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}
