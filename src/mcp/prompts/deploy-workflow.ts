import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const argsSchema = {
  source: z.string().describe('A folder path to build, or an image reference to run as is'),
  app_name: z.string().describe('The Ignite app to deploy to (created if missing)'),
  port: z.string().optional().describe('Container port the app listens on, if not the default $PORT'),
};

/** A step-by-step plan an agent can follow from a folder or image to an invoked app. */
export function registerDeployWorkflowPrompt(server: McpServer): void {
  server.registerPrompt(
    'deploy_workflow',
    {
      title: 'Deploy a folder or image to Ignite',
      description:
        'Walks through configure_app, build, draft (with secrets for private registries), test, publish, invoke, app logs by execution id and rollback for one app.',
      argsSchema,
    },
    ({ source, app_name, port }) => {
      const looksLikeImage =
        /^[\w.-]+(:\d+)?\/[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/.test(source) && !source.startsWith('.') && !source.startsWith('/');
      const steps = [
        `Deploy ${looksLikeImage ? `the image ${source}` : `the folder ${source}`} as the Ignite app "${app_name}".`,
        `1. configure_app with app_name "${app_name}"${port ? ` and ports [${port}]` : ''}; keep health_path /healthz unless the app serves health elsewhere.`,
        ...(looksLikeImage
          ? [
              `2. save_image_draft with app_name "${app_name}" and image_ref "${source}". If the registry is private, first create_secret type "registry" ` +
                `(username, server_address = the registry host, and the password as value_env: the name of a variable in the server's environment, ` +
                `or value_file; never put the password in an argument), then pass its name as registry_secret_ref.`,
            ]
          : [
              `2. upload_context with path "${source}" and dry_run true; check the manifest (secret files left out, Dockerfile found).`,
              `3. create_build from that folder or the returned context_id; note the build_id.`,
              `4. get_build with wait_seconds 50, repeated until the status is terminal; on failure read the failure summary and read_build_logs mode "errors", fix, and build again.`,
              `5. save_image_draft with app_name "${app_name}" and the build_id.`,
            ]),
        `${looksLikeImage ? 3 : 6}. test_draft with a small JSON payload; expect a 2xx status.`,
        `${looksLikeImage ? 4 : 7}. publish_draft; note the version, the image digest that went live and whether it was tested. If the user declines (consent "declined"), stop: do not retry.`,
        `${looksLikeImage ? 5 : 8}. invoke with the same payload and report the status, the body and the execution_id.`,
        `If an answer is wrong (5xx, errors): read_app_logs with app_name "${app_name}" and that call's execution_id (invoke and test_draft return it, and link ignite://apps/${app_name}/logs?execution_id=…) shows what the app printed while it handled the call; mode "errors" finds the first error.`,
        `If the new version misbehaves: list_versions, then rollback_app to the last good version, and invoke again to confirm; get_app shows what serves, read_app_logs with version shows one version's lines.`,
        "Stop and report at the first error; quote the tool's hint.",
      ];
      return { messages: [{ role: 'user', content: { type: 'text', text: steps.join('\n') } }] };
    },
  );
}
