import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { summarizeAppState } from './shared/app-state-summary.js';
import { askConsent, consentOutput } from './shared/consent.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const deleteAppTool = defineTool({
  name: 'delete_app',
  title: 'Delete an app',
  description: `Deletes an app for good, only when the user wants it gone: stops its instances, removes it with its draft and all versions (images and secrets stay).
Asks the user when the client can (consent in the result; declined: do not retry).
Next: list_apps.`,
  input: { app_name: appNameInput, organization_name: organizationInput },
  output: {
    app_name: z.string(),
    consent: consentOutput,
    deleted: z.boolean(),
    versions_deleted: z.number(),
    instances_stopped: z.number(),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) => `call list_apps to see whether "${app_name}" still exists`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const ids = { organization_name, app_name: args.app_name };
    const state = summarizeAppState(await call.deps.client.getAppState(ids, { signal: call.signal }));
    const serving = state.active ? `version ${state.active.version} (${state.active.image_ref}) stops serving` : 'nothing is published';
    const { consent, proceed, note } = await askConsent(call, {
      action: 'delete',
      message:
        `Delete the app "${args.app_name}" (${organization_name}) for good? ${serving}; its draft and all ${state.version_count} versions are removed ` +
        `and ${state.instances.length} running instance(s) stop. This cannot be undone.`,
      label: `Delete app "${args.app_name}"`,
    });
    if (!proceed) {
      return {
        structured: { app_name: args.app_name, consent, deleted: false, versions_deleted: 0, instances_stopped: 0 },
        text: `${args.app_name} NOT deleted (consent: ${consent}). ${note}`,
      };
    }
    const deleted = await call.deps.client.deleteApp(ids, { signal: call.signal });
    return {
      structured: {
        app_name: args.app_name,
        consent,
        deleted: true,
        versions_deleted: deleted.versions_deleted,
        instances_stopped: deleted.instances_stopped,
      },
      text: `deleted ${args.app_name}: ${deleted.versions_deleted} versions, ${deleted.instances_stopped} instances stopped (consent: ${consent})`,
    };
  },
});
