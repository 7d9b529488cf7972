import type { GetAppLogsRequest } from '../contract/generated/dodil/ignite/v1/GetAppLogsRequest.js';
import type { GetAppLogsResponse__Output } from '../contract/generated/dodil/ignite/v1/GetAppLogsResponse.js';
import type { AppLogLine__Output } from '../contract/generated/dodil/ignite/v1/AppLogLine.js';
import { LogLineRedactor } from '../shared/redact.js';
import type { AppLogRequest, LogLine } from './follow-log.js';
import { windowOf, type LogWindow, type WindowRequest } from './log-window.js';

/** The call an app log read needs; the Ignite client has it. */
export interface AppLogSource {
  getAppLogs(request: GetAppLogsRequest, options?: { signal?: AbortSignal }): Promise<GetAppLogsResponse__Output>;
}

export type AppLogWindowRequest = WindowRequest & {
  app: AppLogRequest;
  signal?: AbortSignal;
  /** Redacted from every line (deps.secrets()). */
  secrets: readonly string[];
};

/** Lines per GetAppLogs page while a window is read forward (the local Ignite's cap is 5000). */
const PAGE = 1000;

/**
 * A budgeted window of an app's log, filtered by version, draft or execution, in the same modes as
 * a build log's (log-window.ts). Reads are GetAppLogs pages: forward after the cursor for head and
 * errors, the newest lines for tail. An app's log never completes: `complete` is always false.
 */
export async function readAppLogWindow(source: AppLogSource, request: AppLogWindowRequest): Promise<Omit<LogWindow, 'build'>> {
  const redactor = new LogLineRedactor(request.secrets);
  const page = (after: number, limit: number) =>
    source.getAppLogs({ ...request.app, after_seq: after, from_start: true, limit }, { signal: request.signal });
  const afterSeq = Math.max(0, request.afterSeq);
  const first = await page(afterSeq, PAGE);
  const lastSeq = Math.max(Number(first.last_seq), afterSeq);
  const toLine = (line: AppLogLine__Output): LogLine => ({
    seq: Number(line.seq),
    timestamp_ms: Number(line.timestamp_ms),
    stream: line.stream,
    text: redactor.redact(line.text),
    version: line.version,
    draft: line.draft,
    execution_id: line.execution_id,
  });
  return windowOf(
    {
      lastSeq,
      ended: false,
      // Asked of the cursor the window starts at, which is the first page's.
      count: () => first.matching,
      async *lines(after) {
        let current = after === afterSeq ? first : await page(after, PAGE);
        for (;;) {
          const lines = current.lines.map(toLine).filter((line) => line.seq <= lastSeq);
          yield* lines;
          const last = lines.at(-1)?.seq;
          if (last === undefined || last >= lastSeq || current.lines.length < PAGE) return;
          current = await page(last, PAGE);
        }
      },
      async lastLines(after, count) {
        const { lines } = await source.getAppLogs({ ...request.app, limit: count }, { signal: request.signal });
        return lines.map(toLine).filter((line) => line.seq > after && line.seq <= lastSeq);
      },
    },
    { ...request, afterSeq },
  );
}
