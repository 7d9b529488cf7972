import { z } from 'zod';
import { formatLogLine } from '../../logs/follow-log.js';
import { readLogWindow } from '../../logs/log-window.js';
import { shortBuildStatus } from './shared/build-summary.js';
import { defineTool } from './define-tool.js';
import { buildIdInput } from './shared/schemas.js';

export const readBuildLogsTool = defineTool({
  name: 'read_build_logs',
  title: 'Read build logs',
  description: `Reads a build's log within a budget, like the ignite://builds/{build_id}/logs resource. Use it to see why a build failed. mode "head" reads on from cursor, "tail" the last lines, "errors" the first error in context. next_cursor is the cursor to read on.
Next: fix the cause and build again, or get_build.`,
  input: {
    build_id: buildIdInput,
    mode: z.enum(['head', 'tail', 'errors']).default('head'),
    cursor: z.number().int().min(0).default(0).describe('Read after this sequence number'),
    max_lines: z.number().int().min(1).max(2000).default(200),
    max_bytes: z
      .number()
      .int()
      .min(256)
      .max(512 * 1024)
      .default(32 * 1024),
  },
  output: {
    lines: z.array(z.object({ seq: z.number().int(), text: z.string() })),
    next_cursor: z.number().int(),
    omitted_lines: z.number().int(),
    complete: z.boolean(),
    first_error: z.object({ seq: z.number().int(), text: z.string() }).nullable(),
  },
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
    const header = `build ${build_id} ${status}: lines ${window.lines[0]?.seq ?? '-'}..${window.lines.at(-1)?.seq ?? '-'} of ${window.lastSeq}, ${window.omitted} omitted`;
    const footer = window.complete
      ? 'end of log'
      : window.nextCursor < window.lastSeq
        ? `more: read_build_logs with cursor ${window.nextCursor}`
        : 'the build is still running: call again with the same cursor for new lines';
    return {
      structured: {
        build_id,
        status,
        lines: window.lines,
        next_cursor: window.nextCursor,
        last_seq: window.lastSeq,
        omitted_lines: window.omitted,
        complete: window.complete,
        first_error: window.firstError ?? null,
      },
      text: [header, ...window.lines.map(formatLogLine), footer].join('\n'),
    };
  },
});
