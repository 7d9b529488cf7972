import { z } from 'zod';
import { organizationFor, summarizeApp } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { organizationInput } from './shared/schemas.js';
import { pageInput } from './shared/version-summary.js';

export const listAppsTool = defineTool({
  name: 'list_apps',
  title: 'List apps',
  description: `The organization's apps: ports, health path, env names, tier, state, active version (0: none).
Use it to find an app's name; never guess one.
Next: get_app.`,
  input: { organization_name: organizationInput, ...pageInput },
  output: { apps: z.array(z.looseObject({ name: z.string(), active_version: z.number() })), next_cursor: z.string().nullable() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const response = await call.deps.client.listApps(
      { organization_name, limit: args.limit, cursor: args.cursor ?? '' },
      { signal: call.signal },
    );
    const apps = response.apps.map(summarizeApp);
    const next_cursor = response.next_cursor || null;
    const lines = apps.length > 0 ? apps.map((a) => `${a.name} (${a.deployment_state}, active version ${a.active_version})`) : ['no apps'];
    if (next_cursor) lines.push(`more: call list_apps with cursor "${next_cursor}"`);
    return { structured: { apps, next_cursor }, text: lines.join('\n') };
  },
});
