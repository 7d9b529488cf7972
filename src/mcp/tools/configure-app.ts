import { z } from 'zod';
import type { AppMeta__Output } from '../../contract/generated/dodil/ignite/v1/AppMeta.js';
import { appShape, isNotFound, organizationFor, summarizeApp } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

const TIERS = ['SMALL', 'MEDIUM', 'LARGE', 'XLARGE'] as const;

export const configureAppTool = defineTool({
  name: 'configure_app',
  title: 'Create or configure an app',
  description: `Creates the app if it does not exist, then sets what image mode needs: the container ports, the health path, env, tier.
The container must listen on $PORT (and on each listed port) and answer GET <health_path> (default /healthz) with 2xx, or test_draft and publish_draft fail.
Env is merged: keys in env are set, keys in env_remove are deleted, others stay (values are never shown back).
Next: create_build (or save_image_draft with a prebuilt image).`,
  input: {
    app_name: appNameInput,
    organization_name: organizationInput,
    ports: z
      .array(z.number().int().min(1).max(65535))
      .min(1)
      .max(16)
      .optional()
      .describe('Container ports; the first is the default for invoke'),
    health_path: z
      .string()
      .max(512)
      .regex(/^\/[^\s]*$/, 'a health path starts with "/"')
      .optional(),
    env: z
      .record(
        z
          .string()
          .min(1)
          .max(256)
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names are letters, digits and "_"'),
        z.string().max(32_768),
      )
      .optional(),
    env_remove: z.array(z.string().min(1).max(256)).max(256).optional(),
    resource_tier: z.enum(TIERS).optional(),
    description: z.string().max(2000).optional(),
  },
  output: { app: z.object(appShape), created: z.boolean() },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) =>
    `call configure_app for "${app_name}" again with no settings to see the app as it is (configure_app is safe to repeat)`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const { client } = call.deps;
    const options = { signal: call.signal };
    let existing: AppMeta__Output | null | undefined;
    try {
      existing = (await client.getApp({ organization_name, app_name: args.app_name }, options)).app;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (existing === undefined) {
      const { app } = await client.createApp(
        {
          organization_name,
          name: args.app_name,
          ports: args.ports ?? [],
          health_path: args.health_path ?? '',
          env: args.env ?? {},
          description: args.description ?? '',
          resource_tier: args.resource_tier ? `RESOURCE_TIER_${args.resource_tier}` : 'RESOURCE_TIER_UNSPECIFIED',
        },
        options,
      );
      if (!app) throw new Error('CreateApp returned no app');
      const summary = summarizeApp(app);
      return { structured: { app: summary, created: true }, text: `created app ${summary.id}; ${describeSettings(summary)}` };
    }
    // No settings is how an agent looks at an app (and checks a call whose outcome was unknown):
    // UpdateAppConfig refuses an empty update, so the app is shown as it is.
    const changes = [args.ports, args.health_path, args.description, args.resource_tier, args.env, args.env_remove];
    if (existing && changes.every((value) => value === undefined)) {
      const summary = summarizeApp(existing);
      return { structured: { app: summary, created: false }, text: `app ${summary.id} unchanged; ${describeSettings(summary)}` };
    }
    const { app } = await client.updateAppConfig(
      {
        organization_name,
        app_name: args.app_name,
        ...(args.ports ? { ports: { ports: args.ports } } : {}),
        ...(args.health_path !== undefined ? { health_path: args.health_path } : {}),
        ...(args.description !== undefined ? { description: args.description } : {}),
        ...(args.resource_tier ? { resource_tier: `RESOURCE_TIER_${args.resource_tier}` } : {}),
        ...(args.env || args.env_remove ? { env: { set: args.env ?? {}, remove: args.env_remove ?? [], replace: false } } : {}),
      },
      options,
    );
    if (!app) throw new Error('UpdateAppConfig returned no app');
    const summary = summarizeApp(app);
    return { structured: { app: summary, created: false }, text: `updated app ${summary.id}; ${describeSettings(summary)}` };
  },
});

function describeSettings(app: z.output<z.ZodObject<typeof appShape>>): string {
  const ports = app.ports.length > 0 ? app.ports.join(', ') : 'default ($PORT)';
  return `ports ${ports}, health ${app.health_path}, env ${app.env_names.length} keys, active version ${app.active_version}`;
}
