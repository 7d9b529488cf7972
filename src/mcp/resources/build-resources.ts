import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { rethrowForResource } from './resource-errors.js';
import type { ServerDeps } from '../deps.js';
import { formatLogLine } from '../../logs/follow-log.js';
import { readLogWindow } from '../../logs/log-window.js';
import { buildLogsUri, buildUri } from './build-uris.js';
import { shortBuildStatus, summarizeBuild } from '../tools/shared/build-summary.js';
import { scrubSecrets } from '../../shared/redact.js';

/** A resource read returns at most this much; `_meta` carries the cursor for the next read. */
export const LOG_READ_MAX_LINES = 2000;
export const LOG_READ_MAX_BYTES = 256 * 1024;

/** Registers `ignite://builds/{build_id}` (JSON) and `ignite://builds/{build_id}/logs` (text). */
export function registerBuildResources(server: McpServer, deps: ServerDeps): void {
  server.registerResource(
    'build',
    new ResourceTemplate('ignite://builds/{build_id}', {
      list: async () => {
        await deps.ready().catch((err: unknown) => rethrowForResource(err, deps));
        const { builds } = await deps.client.listBuilds({ limit: 20 });
        return {
          resources: builds.map((build) => ({
            uri: buildUri(build.build_id),
            name: `build ${build.build_id}`,
            description: `${build.name} ${shortBuildStatus(build.status)}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    {
      title: 'Ignite build',
      description: 'A build record as JSON: status, image refs, digest, timings, error.',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      await deps.ready().catch((err: unknown) => rethrowForResource(err, deps));
      const { build } = await deps.client
        .getBuild({ build_id: buildIdOf(variables) })
        .catch((err: unknown) => rethrowForResource(err, deps));
      const text = JSON.stringify(build ? summarizeBuild(build) : null, null, 2);
      return scrubSecrets({ contents: [{ uri: uri.href, mimeType: 'application/json', text }] }, deps.secrets());
    },
  );

  const readLogs = async (uri: URL, buildId: string, afterSeq: number): Promise<ReadResourceResult> => {
    await deps.ready().catch((err: unknown) => rethrowForResource(err, deps));
    const window = await readLogWindow(deps.client, {
      cache: deps.logs,
      buildId,
      mode: 'head',
      afterSeq,
      maxLines: LOG_READ_MAX_LINES,
      maxBytes: LOG_READ_MAX_BYTES,
      secrets: deps.secrets(),
    }).catch((err: unknown) => rethrowForResource(err, deps));
    return scrubSecrets(
      {
        contents: [
          {
            uri: uri.href,
            mimeType: 'text/plain',
            text: window.lines.map(formatLogLine).join('\n'),
            _meta: {
              'ignite/next_after': window.nextCursor,
              'ignite/next_uri': buildLogsUri(buildId, window.nextCursor),
              'ignite/last_seq': window.lastSeq,
              'ignite/lines_after': window.omitted,
              'ignite/complete': window.complete,
              // Spelled as tools spell it (FAILED, not BUILD_STATUS_FAILED).
              'ignite/status': shortBuildStatus(window.build.status),
            },
          },
        ],
      },
      deps.secrets(),
    );
  };
  const logsMetadata = {
    title: 'Ignite build log',
    description: 'Build output, one line per entry prefixed by its sequence number. Read on with ?after=<seq>; subscribe for updates.',
    mimeType: 'text/plain',
  };
  server.registerResource(
    'build-logs',
    new ResourceTemplate('ignite://builds/{build_id}/logs', { list: undefined }),
    logsMetadata,
    (uri, variables) => readLogs(uri, buildIdOf(variables), 0),
  );
  // The SDK's templates do not match a URI both with and without a query, hence a second template.
  server.registerResource(
    'build-logs-after',
    new ResourceTemplate('ignite://builds/{build_id}/logs{?after}', { list: undefined }),
    logsMetadata,
    (uri, variables) => readLogs(uri, buildIdOf(variables), Math.max(0, Number(variables.after) || 0)),
  );
}

/** The same resource templates, each read failing with `failure` (a configuration that stops the server from working). */
export function registerFailingBuildResources(server: McpServer, failure: string): void {
  const fail = (): never => {
    throw new McpError(ErrorCode.InternalError, failure);
  };
  server.registerResource(
    'build',
    new ResourceTemplate('ignite://builds/{build_id}', { list: undefined }),
    { title: 'Ignite build', mimeType: 'application/json' },
    fail,
  );
  server.registerResource(
    'build-logs',
    new ResourceTemplate('ignite://builds/{build_id}/logs', { list: undefined }),
    { title: 'Ignite build log', mimeType: 'text/plain' },
    fail,
  );
  server.registerResource(
    'build-logs-after',
    new ResourceTemplate('ignite://builds/{build_id}/logs{?after}', { list: undefined }),
    { title: 'Ignite build log', mimeType: 'text/plain' },
    fail,
  );
}

/** The build id in a matched URI, percent-decoded; a malformed escape is the caller's error, not ours. */
function buildIdOf(variables: Variables): string {
  const raw = String(variables.build_id);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `"${raw.slice(0, 100)}" is not a build id: its percent-encoding is malformed`);
  }
}
