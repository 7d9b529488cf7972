import { readLogWindow } from '../../logs/log-window.js';
import { shortBuildStatus } from './shared/build-summary.js';
import { defineTool } from './define-tool.js';
import { logReadInput, logReadOutput, windowFields, windowText } from './shared/log-read.js';
import { buildIdInput } from './shared/schemas.js';

export const readBuildLogsTool = defineTool({
  name: 'read_build_logs',
  title: 'Read build logs',
  description: `Reads a build's log within a budget, like the ignite://builds/{build_id}/logs resource. Use it to see why a build failed. mode "head" reads on from cursor, "tail" the last lines, "errors" the first error in context. next_cursor is the cursor to read on.
Next: fix the cause and build again, or get_build.`,
  input: { build_id: buildIdInput, ...logReadInput },
  output: logReadOutput({}),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ build_id, mode, cursor, max_lines, max_bytes }, call) {
    const window = await readLogWindow(call.deps.client, {
      cache: call.deps.logs,
      buildId: build_id,
      mode,
      afterSeq: cursor,
      maxLines: max_lines,
      maxBytes: max_bytes,
      signal: call.signal,
      secrets: call.deps.secrets(),
    });
    const status = shortBuildStatus(window.build.status);
    const next = window.complete
      ? 'end of log'
      : window.nextCursor < window.lastSeq
        ? `more: read_build_logs with cursor ${window.nextCursor}`
        : 'the build is still running: call again with the same cursor for new lines';
    return {
      structured: { build_id, status, ...windowFields(window) },
      text: windowText(`build ${build_id} ${status}`, window, next),
    };
  },
});
