import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';
import { describeVersionLine, pageInput, summarizeVersion, versionShape } from './shared/version-summary.js';

export const listVersionsTool = defineTool({
  name: 'list_versions',
  title: 'List app versions',
  description: `An app's published versions, oldest first: number, status (one is ACTIVE), image and digest, created, and whether that exact digest passed test_draft.
Use it to pick a version for rollback_app.
Next: rollback_app or get_version.`,
  input: { app_name: appNameInput, organization_name: organizationInput, ...pageInput },
  output: { app_name: z.string(), versions: z.array(z.object(versionShape)), next_cursor: z.string().nullable() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const response = await call.deps.client.listAppVersions(
      { organization_name, app_name: args.app_name, limit: args.limit, cursor: args.cursor ?? '' },
      { signal: call.signal },
    );
    const versions = response.versions.map(summarizeVersion);
    const next_cursor = response.next_cursor || null;
    const lines = versions.length > 0 ? versions.map(describeVersionLine) : [`${args.app_name} has no published versions`];
    if (next_cursor) lines.push(`more: call list_versions with cursor "${next_cursor}"`);
    return { structured: { app_name: args.app_name, versions, next_cursor }, text: lines.join('\n') };
  },
});
