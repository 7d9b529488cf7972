import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerDeps } from '../server-deps.js';
import { formatLogLine } from '../logs/log-reader.js';
import { readLogWindow } from '../logs/log-window.js';
import { buildLogsUri, buildUri } from './build-uris.js';
import { summarizeBuild } from '../tools/build-summary.js';
import { scrubSecrets } from '../secret-scrub.js';

/** A resource read returns at most this much; `_meta` carries the cursor for the next read. */
export const LOG_READ_MAX_LINES = 2000;
export const LOG_READ_MAX_BYTES = 256 * 1024;

/** Registers `ignite://builds/{build_id}` (JSON) and `ignite://builds/{build_id}/logs` (text). */
export function registerBuildResources(server: McpServer, deps: ServerDeps): void {
  server.registerResource(
    'build',
    new ResourceTemplate('ignite://builds/{build_id}', {
      list: async () => {
        const { builds } = await deps.client.listBuilds({ limit: 20 });
        return {
          resources: builds.map((build) => ({
            uri: buildUri(build.build_id),
            name: `build ${build.build_id}`,
            description: `${build.name} ${build.status.replace('BUILD_STATUS_', '').toLowerCase()}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    { title: 'Ignite build', description: 'A build record as JSON: status, image refs, digest, timings, error.', mimeType: 'application/json' },
    async (uri, variables) => {
      const { build } = await deps.client.getBuild({ build_id: decodeURIComponent(String(variables.build_id)) });
      const text = JSON.stringify(build ? summarizeBuild(build) : null, null, 2);
      return scrubSecrets({ contents: [{ uri: uri.href, mimeType: 'application/json', text }] }, deps.secrets());
    },
  );

  const readLogs = async (uri: URL, buildId: string, afterSeq: number): Promise<ReadResourceResult> => {
    const window = await readLogWindow(deps.client, {
      buildId,
      mode: 'head',
      afterSeq,
      maxLines: LOG_READ_MAX_LINES,
      maxBytes: LOG_READ_MAX_BYTES,
      secrets: deps.secrets(),
    });
    return scrubSecrets({
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
            'ignite/status': window.build.status,
          },
        },
      ],
    }, deps.secrets());
  };
  const logsMetadata = {
    title: 'Ignite build log',
    description: 'Build output, one line per entry prefixed by its sequence number. Read on with ?after=<seq>; subscribe for updates.',
    mimeType: 'text/plain',
  };
  server.registerResource('build-logs', new ResourceTemplate('ignite://builds/{build_id}/logs', { list: undefined }), logsMetadata, (uri, variables) =>
    readLogs(uri, decodeURIComponent(String(variables.build_id)), 0),
  );
  // The SDK's templates do not match a URI both with and without a query, hence a second template.
  server.registerResource(
    'build-logs-after',
    new ResourceTemplate('ignite://builds/{build_id}/logs{?after}', { list: undefined }),
    logsMetadata,
    (uri, variables) => readLogs(uri, decodeURIComponent(String(variables.build_id)), Math.max(0, Number(variables.after) || 0)),
  );
}
