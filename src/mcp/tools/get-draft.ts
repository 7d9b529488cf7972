import { z } from 'zod';
import { draftOutput, organizationFor, summarizeDraft } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const getDraftTool = defineTool({
  name: 'get_draft',
  title: 'Get the app draft',
  description: `Shows the app's draft: image ref and digest, and the build_id and error of a draft built from code or git. Use it after save_image_draft; an empty image_ref means it is still building.
Next: test_draft, then publish_draft.`,
  input: { app_name: appNameInput, organization_name: organizationInput },
  output: { draft: draftOutput, ready: z.boolean() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const { draft } = await call.deps.client.getDraftInfo({ organization_name, app_name: args.app_name }, { signal: call.signal });
    if (!draft) throw new Error('GetDraftInfo returned no draft');
    const summary = summarizeDraft(draft);
    const ready = summary.image_ref !== '' && summary.error === '';
    const state = summary.error
      ? `failed: ${summary.error}`
      : ready
        ? `ready: ${summary.image_ref}`
        : `building (build ${summary.build_id}); call get_build with wait_seconds`;
    return {
      structured: { app_name: args.app_name, draft: summary, ready },
      text: `draft of ${args.app_name} (${summary.code_kind}) ${state}`,
    };
  },
});
