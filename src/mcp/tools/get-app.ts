import { organizationFor } from './shared/app-summary.js';
import { appStateOutput, summarizeAppState, type AppState } from './shared/app-state-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const getAppTool = defineTool({
  name: 'get_app',
  title: 'Get an app and its state',
  description: `One app: config, active version, draft (tested or not), instances running now, and readiness with its reason.
Use it to see what serves before invoke, publish_draft or rollback_app.
Next: invoke, or list_versions.`,
  input: { app_name: appNameInput, organization_name: organizationInput },
  output: appStateOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const state = summarizeAppState(
      await call.deps.client.getAppState({ organization_name, app_name: args.app_name }, { signal: call.signal }),
    );
    return { structured: state, text: describeState(state) };
  },
});

function describeState(state: AppState): string {
  const active = state.active
    ? `active v${state.active.version} ${state.active.image_ref}${state.active.tested ? ' (tested)' : ''}`
    : 'nothing active';
  const draft = state.draft
    ? `draft ${state.draft.image_ref || `building (${state.draft.build_id})`}${state.draft.tested ? ' (tested)' : ''}`
    : 'no draft';
  const instances = state.instances.map((i) => `${i.instance_id} ${i.state} ${i.runs_as}`).join(', ') || 'none';
  return `${state.app.id}: ${state.readiness} (${state.readiness_detail}); ${active}; ${draft}; ${state.version_count} versions; instances: ${instances}`;
}
