import { stat } from 'node:fs/promises';
import { isTerminalBuildStatus } from '../../contract/build-status.js';
import type { StreamBuildLogsRequest__Output } from '../../contract/generated/dodil/ignite/v1/StreamBuildLogsRequest.js';
import type { StreamBuildLogsResponse } from '../../contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { CallerPolicy } from '../rpc/caller.js';
import { invalidArgument } from '../rpc/errors.js';
import { serverStream } from '../rpc/handlers.js';
import type { BuildManager } from './build-manager.js';

/**
 * StreamBuildLogs. The stream reads the build's journal by byte offset and, at its end, waits for
 * the next append, taken before each read, so nothing written in between is missed; lines are
 * also deduplicated by seq. Only a read buffer is held per stream, and a client that reads slowly
 * pauses the reading.
 */
export function streamBuildLogsHandler(builds: BuildManager, callers: CallerPolicy) {
  return serverStream<StreamBuildLogsRequest__Output, StreamBuildLogsResponse>(async (call, out) => {
    const { organization } = callers.identify(call.metadata);
    const request = call.request;
    if (!request.build_id) throw invalidArgument('build_id is required');
    await builds.ready;
    builds.getFor(request.build_id, organization);
    const buildId = request.build_id;
    const afterSeq = Number(request.after_seq || '0');

    // Lines at or below `threshold` are not sent; status events only once the reader has passed it.
    let threshold: number;
    let offset = 0;
    let lastSeen = 0;
    if (afterSeq > 0) {
      threshold = afterSeq;
      const start = builds.journal.resumePoint(buildId, afterSeq);
      offset = start.offset;
      lastSeen = start.seqBefore;
    } else if (request.from_start) threshold = 0;
    else {
      const position = builds.logPosition(buildId) ?? {
        seq: Number(builds.get(buildId)!.last_log_seq),
        bytes: await fileSize(builds.journal.file(buildId)),
      };
      threshold = position.seq;
      offset = position.bytes;
      lastSeen = position.seq;
    }
    let sentSeq = threshold;
    let checkedAfterEnd = false;

    while (!out.stopped) {
      const changed = builds.journal.changed(buildId);
      for await (const { entry, end } of builds.journal.read(buildId, offset)) {
        offset = end;
        if (entry.kind === 'line') {
          lastSeen = entry.line.seq;
          if (entry.line.seq <= sentSeq) continue;
          sentSeq = entry.line.seq;
          await out.send({ line: { ...entry.line, seq: String(entry.line.seq), timestamp_ms: String(entry.line.timestamp_ms) } });
        } else if (lastSeen >= threshold) {
          const { status } = entry;
          await out.send({ status: { ...status, at_ms: String(status.at_ms) } });
          if (status.terminal) return;
        }
      }
      const build = builds.get(buildId)!;
      if (isTerminalBuildStatus(build.status)) {
        // The terminal entry is appended in the same tick the record ends: one more read finds it,
        // and a journal without one (cut by a crash) still ends with the record's own status.
        if (!checkedAfterEnd) {
          checkedAfterEnd = true;
          continue;
        }
        await out.send({ status: { status: build.status, at_ms: build.finished_at_ms, terminal: true, error: build.error } });
        return;
      }
      await Promise.race([changed, out.whenStopped]);
    }
  });
}

async function fileSize(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}
