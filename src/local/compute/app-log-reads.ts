import type * as grpc from '@grpc/grpc-js';
import type { AppLogFilter__Output } from '../../contract/generated/dodil/ignite/v1/AppLogFilter.js';
import type { AppLogLine } from '../../contract/generated/dodil/ignite/v1/AppLogLine.js';
import type { GetAppLogsRequest__Output } from '../../contract/generated/dodil/ignite/v1/GetAppLogsRequest.js';
import type { GetAppLogsResponse } from '../../contract/generated/dodil/ignite/v1/GetAppLogsResponse.js';
import type { StreamAppLogsRequest__Output } from '../../contract/generated/dodil/ignite/v1/StreamAppLogsRequest.js';
import type { StreamAppLogsResponse } from '../../contract/generated/dodil/ignite/v1/StreamAppLogsResponse.js';
import type { JournalLine } from '../builder/journal.js';
import { serverStream } from '../rpc/handlers.js';
import { AppLogBook } from '../runner/app-logs.js';
import { scopeOf, type ComputeParts } from './parts.js';

/** GetAppLogs' documented default; the cap is ours (docs/ignite-api.md §6.2: "capped by the server"). */
export const APP_LOGS_DEFAULT_LIMIT = 1000;
export const APP_LOGS_MAX_LIMIT = 5000;

/**
 * GetAppLogs: the newest `limit` matching lines (the documented "recent lines"), or, after a seq or
 * from the start, the first `limit` matching lines after it. The app's journal is scanned from
 * its start (or the nearest indexed point after a seq); `matching` counts every match up to the
 * end as it was when the read started, so a reader knows how much it was not shown.
 */
export async function getAppLogs(
  compute: ComputeParts,
  call: grpc.ServerUnaryCall<GetAppLogsRequest__Output, GetAppLogsResponse>,
): Promise<GetAppLogsResponse> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  const { journal } = compute.runner.appLogs;
  const key = AppLogBook.keyOf(org, app.name);
  const limit = Math.min(call.request.limit || APP_LOGS_DEFAULT_LIMIT, APP_LOGS_MAX_LIMIT);
  const afterSeq = Number(call.request.after_seq || '0');
  const forward = afterSeq > 0 || call.request.from_start;
  const matches = matcher(call.request.filter);
  const lines: JournalLine[] = [];
  let matching = 0;
  let lastSeq = 0;
  for await (const { entry } of journal.read(key, afterSeq > 0 ? journal.resumePoint(key, afterSeq).offset : 0)) {
    if (entry.kind !== 'line') continue;
    lastSeq = entry.line.seq;
    if (entry.line.seq <= afterSeq || !matches(entry.line)) continue;
    matching++;
    if (forward) {
      if (lines.length < limit) lines.push(entry.line);
    } else {
      lines.push(entry.line);
      if (lines.length > limit) lines.shift();
    }
  }
  return { lines: lines.map(wireLine), last_seq: String(lastSeq), matching };
}

/**
 * StreamAppLogs: follows an app's journal like StreamBuildLogs follows a build's, by byte offset,
 * waiting for the next append (taken before each read) at its end. It never ends by itself while
 * the app exists; once the app is deleted it ends with OK, and a reopen gets NOT_FOUND.
 */
export function streamAppLogsHandler(compute: ComputeParts) {
  return serverStream<StreamAppLogsRequest__Output, StreamAppLogsResponse>(async (call, out) => {
    const { org } = scopeOf(compute, call, call.request.organization_name);
    const app = compute.apps.require(org, call.request.app_name);
    const { journal } = compute.runner.appLogs;
    const key = AppLogBook.keyOf(org, app.name);
    const matches = matcher(call.request.filter);
    const afterSeq = Number(call.request.after_seq || '0');
    let sentSeq = afterSeq;
    let offset = afterSeq > 0 ? journal.resumePoint(key, afterSeq).offset : 0;
    if (afterSeq === 0 && !call.request.from_start) {
      // "From now": skip what exists, remembering where it ends.
      for await (const { entry, end } of journal.read(key, 0)) {
        offset = end;
        if (entry.kind === 'line') sentSeq = entry.line.seq;
      }
    }
    while (!out.stopped) {
      const changed = journal.changed(key);
      for await (const { entry, end } of journal.read(key, offset)) {
        offset = end;
        if (entry.kind !== 'line' || entry.line.seq <= sentSeq) continue;
        sentSeq = entry.line.seq;
        if (matches(entry.line)) await out.send({ line: wireLine(entry.line) });
      }
      if (compute.apps.get(org, app.name)?.created_at_ms !== app.created_at_ms) return;
      await Promise.race([changed, out.whenStopped]);
    }
  });
}

function matcher(filter: AppLogFilter__Output | null): (line: JournalLine) => boolean {
  const version = filter?.version ?? 0;
  const draft = filter?.draft ?? false;
  const executionId = filter?.execution_id ?? '';
  return (line) =>
    (version === 0 || (line.version === version && !line.draft)) &&
    (!draft || line.draft === true) &&
    (!executionId || line.execution_id === executionId);
}

function wireLine(line: JournalLine): AppLogLine {
  return {
    seq: String(line.seq),
    timestamp_ms: String(line.timestamp_ms),
    stream: line.stream,
    text: line.text,
    version: line.version ?? 0,
    draft: line.draft ?? false,
    execution_id: line.execution_id ?? '',
  };
}
