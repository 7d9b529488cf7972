import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
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
    checkEnvBudget(args.env);
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

/**
 * What a process can start with (Linux: about 2 MiB of arguments and env in all): env past half of that
 * would make every start of the app fail (spawn E2BIG), so it is refused before anything is saved.
 * Ignite checks the merged env too; this catches one call's values without a round trip.
 */
const MAX_ENV_BYTES = 1024 * 1024;

function checkEnvBudget(env: Record<string, string> | undefined): void {
  if (env === undefined) return;
  const bytes = Object.entries(env).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value) + 10, 0);
  if (bytes <= MAX_ENV_BYTES) return;
  throw new UserError(
    `env is too large: ${bytes} bytes in ${Object.keys(env).length} variables, over the ${MAX_ENV_BYTES} bytes an app can start with (Linux limits a process's arguments and env to about 2 MiB)`,
    'Set fewer or smaller variables; put large values (certificates, configs) in files of the image instead.',
    { code: 'ENV_TOO_LARGE' },
  );
}

function describeSettings(app: AppSummary): string {
  const ports = app.ports.length > 0 ? app.ports.join(', ') : 'default ($PORT)';
  return `ports ${ports}, health ${app.health_path}, env ${app.env_names.length} keys, active version ${app.active_version}`;
}
