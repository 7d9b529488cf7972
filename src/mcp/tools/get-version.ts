import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';
import { describeVersionLine, detailVersion } from './shared/version-summary.js';

export const versionNumberInput = z.number().int().min(1).max(4_294_967_295).describe('From list_versions');

export const getVersionTool = defineTool({
  name: 'get_version',
  title: 'Get one app version',
  description: `One published version: status, image ref and digest, source kind, registry secret, and the test_draft result of exactly that digest.
Use it to check a version before rollback_app.
Next: rollback_app, or invoke.`,
  input: { app_name: appNameInput, organization_name: organizationInput, version: versionNumberInput },
  output: { version: z.looseObject({ version: z.number(), status: z.string(), image_digest: z.string(), tested: z.boolean() }) },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const { version } = await call.deps.client.getAppVersion(
      { organization_name, app_name: args.app_name, version: args.version },
      { signal: call.signal },
    );
    if (!version) throw new Error('GetAppVersion returned no version');
    const summary = detailVersion(version);
    return {
      structured: { app_name: args.app_name, version: summary },
      text: `${args.app_name} ${describeVersionLine(summary)}${summary.test && !summary.tested ? `; its test answered ${summary.test.status_code}` : ''}`,
    };
  },
});
