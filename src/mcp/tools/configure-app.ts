import { z } from 'zod';
import type { AppMeta__Output } from '../../contract/generated/dodil/ignite/v1/AppMeta.js';
import { appOutput, isNotFound, organizationFor, summarizeApp, type AppSummary } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

const TIERS = ['SMALL', 'MEDIUM', 'LARGE', 'XLARGE'] as const;

export const configureAppTool = defineTool({
  name: 'configure_app',
  title: 'Configure an app',
  description: `Creates the app if missing; sets ports, health path, env (merged, never shown back) and tier; with only app_name, shows the app. Use it before the first draft.
The app must listen on $PORT: Ignite sets it to the first listed port (80 if none); the local Ignite without a container engine, to a free loopback port (PORT_<P> per port P), so a fixed port fails there. GET <health_path> (default /healthz) must answer 2xx.
Next: create_build, or save_image_draft with an image_ref.`,
  input: {
    app_name: appNameInput,
    organization_name: organizationInput,
    ports: z.array(z.number().int().min(1).max(65535)).min(1).max(16).optional().describe("The first is invoke's default"),
    health_path: z
      .string()
      .max(512)
      .regex(/^\/[^\s]*$/, 'a health path starts with "/"')
      .optional(),
    env: z
      .record(
        z
          .string()
          .max(256)
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names are letters, digits and "_"'),
        z.string().max(32_768),
      )
      .optional(),
    env_remove: z.array(z.string().min(1).max(256)).max(256).optional(),
    resource_tier: z.enum(TIERS).optional(),
    description: z.string().max(2000).optional(),
  },
  output: { app: appOutput, created: z.boolean() },
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

function describeSettings(app: AppSummary): string {
  const ports = app.ports.length > 0 ? app.ports.join(', ') : 'default ($PORT)';
  return `ports ${ports}, health ${app.health_path}, env ${app.env_names.length} keys, active version ${app.active_version}`;
}
