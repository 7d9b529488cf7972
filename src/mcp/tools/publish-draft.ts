import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const publishDraftTool = defineTool({
  name: 'publish_draft',
  title: 'Publish the draft',
  description: `Freezes the app's draft into the next version and makes it the active one invoke calls. Use it once test_draft answered right. A version that fails its health check is not published; the previous one stays active.
Next: invoke.`,
  input: { app_name: appNameInput, organization_name: organizationInput },
  output: {
    version: z.number().int(),
    status: z.string(),
    image_ref: z.string(),
    image_digest: z.string(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) =>
    `call get_draft and configure_app for "${app_name}" and compare active_version with the version you expected`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const response = await call.deps.client.publishDraft({ organization_name, app_name: args.app_name }, { signal: call.signal });
    const info = response.version_info;
    const structured = {
      app_name: args.app_name,
      version: response.version,
      status: (info?.status ?? '').replace(/^VERSION_STATUS_/, ''),
      image_ref: info?.image_ref ?? '',
      image_digest: info?.image_digest ?? '',
      code_kind: (info?.code_kind ?? '').replace(/^CODE_KIND_/, ''),
    };
    return {
      structured,
      text: `published ${args.app_name} version ${structured.version} (${structured.status}) from ${structured.image_ref}\nnext: invoke`,
    };
  },
});
