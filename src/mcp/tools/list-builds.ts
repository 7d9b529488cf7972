import { z } from 'zod';
import { buildBrief, describeBuildLine, summarizeBuild } from './shared/build-summary.js';
import { defineTool } from './define-tool.js';

const STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

export const listBuildsTool = defineTool({
  name: 'list_builds',
  title: 'List builds',
  description: `Lists builds, newest first, by status or image name. Use it to find a build_id (never invent one), or to see whether a create_build with an unknown outcome started.
Next: get_build or read_build_logs; next_cursor as cursor for more.`,
  input: {
    status: z.enum(STATUSES).optional(),
    name: z.string().min(1).max(200).optional().describe('Image name'),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(512).optional(),
  },
  output: {
    builds: z.array(buildBrief),
    next_cursor: z.string().nullable(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ status, name, limit, cursor }, call) {
    const response = await call.deps.client.listBuilds(
      { limit, cursor: cursor ?? '', status: status ? `BUILD_STATUS_${status}` : 'BUILD_STATUS_UNSPECIFIED', name: name ?? '' },
      { signal: call.signal },
    );
    const builds = response.builds.map(summarizeBuild);
    const next_cursor = response.next_cursor || null;
    const lines = builds.length > 0 ? builds.map(describeBuildLine) : ['no builds match'];
    if (next_cursor) lines.push(`more: call list_builds with cursor "${next_cursor}"`);
    return { structured: { builds, next_cursor }, text: lines.join('\n') };
  },
});
