import { z } from 'zod';
import { buildShape, describeBuildLine, summarizeBuild } from './shared/build-summary.js';
import { defineTool } from './define-tool.js';

const STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

export const listBuildsTool = defineTool({
  name: 'list_builds',
  title: 'List builds',
  description: `Lists builds, newest first, optionally filtered by status or image name.
Use it to find a build_id (never invent one), or after a create_build whose outcome was unknown (a timeout) to check whether the build started before trying again.
Next: get_build or read_build_logs with a build_id; pass next_cursor back as cursor for more.`,
  input: {
    status: z.enum(STATUSES).optional().describe('Only builds with this status'),
    name: z.string().min(1).max(200).optional().describe('Only builds of this image name'),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(512).optional().describe('next_cursor from the previous page'),
  },
  output: {
    builds: z.array(z.object(buildShape)),
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
