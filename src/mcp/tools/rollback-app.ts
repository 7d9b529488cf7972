import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import { organizationFor } from './shared/app-summary.js';
import { askConsent, consentOutput, digestText } from './shared/consent.js';
import { defineTool } from './define-tool.js';
import { versionNumberInput } from './get-version.js';
import { appNameInput, organizationInput } from './shared/schemas.js';
import { summarizeVersion } from './shared/version-summary.js';

export const rollbackAppTool = defineTool({
  name: 'rollback_app',
  title: 'Roll back to an earlier version',
  description: `Makes an earlier version active again (e.g. after a broken publish); it must pass its health check first, else nothing changes.
Asks the user when the client can (consent in the result; declined: do not retry).
Next: invoke.`,
  input: {
    app_name: appNameInput,
    organization_name: organizationInput,
    version: versionNumberInput.describe('An earlier version, from list_versions'),
  },
  output: {
    consent: consentOutput,
    rolled_back: z.boolean(),
    active_version: z.number().describe('Active after this call'),
    version: z.looseObject({ version: z.number(), status: z.string(), image_digest: z.string(), tested: z.boolean() }),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) => `call list_versions for "${app_name}" to see which version is ACTIVE`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const ids = { organization_name, app_name: args.app_name };
    const options = { signal: call.signal };
    const [{ version }, { app }] = await Promise.all([
      call.deps.client.getAppVersion({ ...ids, version: args.version }, options),
      call.deps.client.getApp(ids, options),
    ]);
    if (!version || !app) throw new Error('GetAppVersion or GetApp returned nothing');
    const target = summarizeVersion(version);
    const active = app.active_version;
    if (active === target.version) {
      throw new UserError(
        `version ${active} of ${args.app_name} is already active`,
        'Nothing to roll back; pick another version from list_versions.',
        {
          code: 'ALREADY_ACTIVE',
        },
      );
    }
    const { consent, proceed, note } = await askConsent(call, {
      action: 'rollback',
      message:
        `Roll back app "${args.app_name}" (${organization_name}) from version ${active} to version ${target.version}? ` +
        `Image ${target.image_ref} (${digestText(target.image_digest)}) serves again and version ${active} stops serving.`,
      label: `Roll back to version ${target.version}`,
    });
    if (!proceed) {
      return {
        structured: { app_name: args.app_name, consent, rolled_back: false, active_version: active, version: target },
        text: `${args.app_name} NOT rolled back; version ${active} stays active (consent: ${consent}). ${note}`,
      };
    }
    const response = await call.deps.client.rollbackApp({ ...ids, version: target.version }, options);
    const restored = response.version_info ? summarizeVersion(response.version_info) : target;
    return {
      structured: { app_name: args.app_name, consent, rolled_back: true, active_version: restored.version, version: restored },
      text: `${args.app_name} rolled back from version ${response.previous_version} to ${restored.version} (${restored.image_ref}, consent: ${consent})\nnext: invoke to check it answers`,
    };
  },
});
