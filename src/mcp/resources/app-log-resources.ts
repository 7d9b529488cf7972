import { McpServer, ResourceTemplate, type ReadResourceTemplateCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { readAppLogWindow } from '../../logs/app-log-window.js';
import { formatLogLine } from '../../logs/follow-log.js';
import { scrubSecrets } from '../../shared/redact.js';
import type { ServerDeps } from '../deps.js';
import { appLogsUri, parseAppLogsUri, type AppLogsRef } from './app-log-uris.js';
import { LOG_READ_MAX_BYTES, LOG_READ_MAX_LINES } from './build-resources.js';
import { rethrowForResource } from './resource-errors.js';

const METADATA = {
  title: 'Ignite app log',
  description:
    "An app's runtime log (all versions and the draft), one line per entry: seq, version, execution id, text. Filter with ?execution_id=, ?version=, ?draft=true; read on with ?after=<seq>; subscribe for new lines.",
  mimeType: 'text/plain',
};

/**
 * Registers `ignite://apps/{app_name}/logs` and the same with a query. The SDK matches a query
 * template only when every parameter is present in order, so the query is taken whole ({+query})
 * and parsed here (app-log-uris.ts), in any order.
 */
export function registerAppLogResources(server: McpServer, deps: ServerDeps): void {
  registerTemplates(server, (uri: URL) => readAppLogs(deps, uri.href));
}

/** The same templates, each read failing with `failure` (a configuration that stops the server from working). */
export function registerFailingAppLogResources(server: McpServer, failure: string): void {
  registerTemplates(server, (): never => {
    throw new McpError(ErrorCode.InternalError, failure);
  });
}

function registerTemplates(server: McpServer, read: ReadResourceTemplateCallback): void {
  server.registerResource('app-logs', new ResourceTemplate('ignite://apps/{app_name}/logs', { list: undefined }), METADATA, read);
  server.registerResource(
    'app-logs-query',
    new ResourceTemplate('ignite://apps/{app_name}/logs{+query}', { list: undefined }),
    METADATA,
    read,
  );
}

/** The organization and filter of an app log reference, as GetAppLogs and StreamAppLogs take them. */
export function appLogRequest(deps: ServerDeps, ref: AppLogsRef) {
  return {
    organization_name: ref.organization || (deps.organization ?? ''),
    app_name: ref.appName,
    filter: { version: ref.version, draft: ref.draft, execution_id: ref.executionId },
  };
}

async function readAppLogs(deps: ServerDeps, uri: string): Promise<ReadResourceResult> {
  const ref = parseAppLogsUri(uri);
  if (!ref)
    throw new McpError(
      ErrorCode.InvalidParams,
      `${uri.slice(0, 200)} is not an app log URI: ignite://apps/{app_name}/logs with optional execution_id, version, draft, after, organization_name`,
    );
  await deps.ready().catch((err: unknown) => rethrowForResource(err, deps));
  const window = await readAppLogWindow(deps.client, {
    app: appLogRequest(deps, ref),
    mode: 'head',
    afterSeq: ref.afterSeq,
    maxLines: LOG_READ_MAX_LINES,
    maxBytes: LOG_READ_MAX_BYTES,
    secrets: deps.secrets(),
  }).catch((err: unknown) => rethrowForResource(err, deps));
  return scrubSecrets(
    {
      contents: [
        {
          uri,
          mimeType: 'text/plain',
          text: window.lines.map(formatLogLine).join('\n'),
          _meta: {
            'ignite/next_after': window.nextCursor,
            'ignite/next_uri': appLogsUri(ref.appName, { ...ref, afterSeq: window.nextCursor }),
            'ignite/last_seq': window.lastSeq,
            'ignite/lines_after': window.omitted,
          },
        },
      ],
    },
    deps.secrets(),
  );
}
