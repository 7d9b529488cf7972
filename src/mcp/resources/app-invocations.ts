import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { scrubSecrets } from '../../shared/redact.js';
import type { ServerDeps } from '../deps.js';
import { invocationsOf } from '../tools/shared/invocation-notes.js';

const TEMPLATE = 'ignite://apps/{app_name}/invocations';
const METADATA = {
  title: 'App invocations (this server)',
  description:
    "The last test_draft and invoke calls of an app made through this server, newest first: status code, execution id, version. Ignite keeps no such list; the app's own log has every request.",
  mimeType: 'application/json',
};

/** Registers `ignite://apps/{app_name}/invocations` (JSON), what the deploy panel lists as an app's last invocations. */
export function registerAppInvocations(server: McpServer, deps: ServerDeps): void {
  server.registerResource('app-invocations', new ResourceTemplate(TEMPLATE, { list: undefined }), METADATA, (uri, variables) => {
    const appName = appNameOf(String(variables.app_name));
    const text = JSON.stringify({ app_name: appName, invocations: invocationsOf(deps, appName) }, null, 2);
    return scrubSecrets({ contents: [{ uri: uri.href, mimeType: 'application/json', text }] }, deps.secrets());
  });
}

/** The same template, each read failing with `failure` (a configuration that stops the server from working). */
export function registerFailingAppInvocations(server: McpServer, failure: string): void {
  server.registerResource('app-invocations', new ResourceTemplate(TEMPLATE, { list: undefined }), METADATA, () => {
    throw new McpError(ErrorCode.InternalError, failure);
  });
}

function appNameOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `"${raw.slice(0, 100)}" is not an app name: its percent-encoding is malformed`);
  }
}
