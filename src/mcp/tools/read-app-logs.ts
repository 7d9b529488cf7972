import { z } from 'zod';
import { readAppLogWindow } from '../../logs/app-log-window.js';
import { appLogsUri } from '../resources/app-log-uris.js';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { logReadInput, logReadOutput, windowFields, windowText } from './shared/log-read.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const readAppLogsTool = defineTool({
  name: 'read_app_logs',
  title: 'Read app logs',
  description: `Reads an app's runtime log (stdout/stderr of its instances, every version and the draft) within a budget, like ignite://apps/{app_name}/logs. Use it when invoke or test_draft answered wrong: pass its execution_id for that call's lines. Modes and cursor as read_build_logs; filter by version or draft.
Next: fix and save_image_draft, or rollback_app.`,
  input: {
    app_name: appNameInput,
    organization_name: organizationInput,
    execution_id: z.string().max(128).optional().describe('Only lines of this execution (from invoke/test_draft)'),
    version: z.number().int().min(1).optional(),
    draft: z.boolean().default(false).describe('Only the draft'),
    ...logReadInput,
  },
  output: logReadOutput({ version: z.number().int(), execution_id: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const filter = { version: args.version ?? 0, draft: args.draft, execution_id: args.execution_id ?? '' };
    const window = await readAppLogWindow(call.deps.client, {
      app: { organization_name, app_name: args.app_name, filter },
      mode: args.mode,
      afterSeq: args.cursor,
      maxLines: args.max_lines,
      maxBytes: args.max_bytes,
      signal: call.signal,
      secrets: call.deps.secrets(),
    });
    const which = [
      args.version ? `v${args.version}` : '',
      args.draft ? 'draft' : '',
      args.execution_id ? `execution ${args.execution_id}` : '',
    ].filter(Boolean);
    const next =
      window.omitted > 0 && args.mode === 'head'
        ? `more: read_app_logs with cursor ${window.nextCursor}`
        : window.lines.length === 0 && args.execution_id
          ? 'no lines for this execution: the app printed nothing while it ran (or it overlapped another execution, so its lines are unattributed; read without execution_id around its time)'
          : `call again with cursor ${window.nextCursor} for new lines`;
    const logsUri = appLogsUri(args.app_name, {
      organization: args.organization_name ?? '',
      version: args.version ?? 0,
      draft: args.draft,
      executionId: args.execution_id ?? '',
    });
    return {
      structured: {
        app_name: args.app_name,
        ...windowFields(window),
        lines: window.lines.map((line) => ({ ...line, version: line.version ?? 0, execution_id: line.execution_id ?? '' })),
        logs_uri: logsUri,
      },
      text: windowText(`app ${args.app_name}${which.length > 0 ? ` (${which.join(', ')})` : ''}`, window, next),
    };
  },
});
