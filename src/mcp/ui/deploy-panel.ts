import { readFile } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type * as ExtApps from '@modelcontextprotocol/ext-apps/server';

/**
 * The deploy panel: an MCP App (the `io.modelcontextprotocol/ui` extension, docs/mcp-sdk.md §9) that
 * hosts supporting it render for the build and deploy tools' results. One of the two files that know
 * about the extension (the other is the view itself, ui/panel/). Hosts without it see the same
 * results as before; only `tools/list` carries the link.
 */
export const DEPLOY_PANEL_URI = 'ui://ignite/deploy-panel';

/*
 * ext-apps' constants, spelled out: importing `@modelcontextprotocol/ext-apps/server` builds the
 * App class's zod schemas and added about 70 ms to a cold start (docs/mcp-sdk.md G15). Typed as
 * its declarations, so the compiler fails if a release changes them.
 */
const RESOURCE_MIME_TYPE: typeof ExtApps.RESOURCE_MIME_TYPE = 'text/html;profile=mcp-app';
const RESOURCE_URI_META_KEY: typeof ExtApps.RESOURCE_URI_META_KEY = 'ui/resourceUri';

/**
 * Tools whose results the panel renders: builds (create_build, get_build, and save_image_draft when
 * it builds) and apps (test, publish, invoke, state, versions, rollback). The view reads each one's
 * structured content, so a tool added here needs a renderer there.
 */
const PANEL_TOOLS = new Set([
  'create_build',
  'get_build',
  'save_image_draft',
  'test_draft',
  'publish_draft',
  'invoke',
  'get_app',
  'list_versions',
  'rollback_app',
]);

// As ext-apps' registerAppTool writes it: the nested key, and the flat one older hosts read.
const LINK = Object.freeze({ ui: { resourceUri: DEPLOY_PANEL_URI }, [RESOURCE_URI_META_KEY]: DEPLOY_PANEL_URI });

/** The `_meta` a tool is listed with: the panel link, or none. */
export function panelLinkFor(toolName: string): Record<string, unknown> | undefined {
  return PANEL_TOOLS.has(toolName) ? LINK : undefined;
}

/**
 * The panel loads nothing from anywhere: every CSP domain list is empty, which hosts turn into
 * `default-src 'none'` plus the inline script and style of the resource itself. The HTML also
 * carries its own, stricter policy (hashes of its one script and one style; scripts/bundle.ts).
 */
const UI_META = {
  ui: { csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] }, prefersBorder: true },
};

/**
 * Registers the panel's HTML as `ui://ignite/deploy-panel`, as ext-apps' registerAppResource does
 * (the MCP Apps mime type by default; a test compares the two listings); the file is read on the
 * first read, not at start-up.
 */
export function registerDeployPanel(server: McpServer): void {
  server.registerResource(
    'deploy-panel',
    DEPLOY_PANEL_URI,
    {
      mimeType: RESOURCE_MIME_TYPE,
      title: 'Ignite deploy panel',
      description: 'An interactive view of a build (live log, first error) or an app (versions, tests, invocations) for MCP Apps hosts.',
      _meta: UI_META,
    },
    async () => ({ contents: [{ uri: DEPLOY_PANEL_URI, mimeType: RESOURCE_MIME_TYPE, text: await panelHtml(), _meta: UI_META }] }),
  );
}

/**
 * Where `npm run build` puts the HTML (scripts/bundle.ts): beside the bundle's chunks, which is what
 * ships; from the compiled sources (dist/src/mcp/ui/) and from the sources themselves (tests), the
 * same file in dist/bundle/.
 */
const CANDIDATES = ['deploy-panel.html', '../../../bundle/deploy-panel.html', '../../../dist/bundle/deploy-panel.html'];

let cached: Promise<string> | undefined;

function panelHtml(): Promise<string> {
  cached ??= (async () => {
    for (const candidate of CANDIDATES) {
      const text = await readFile(new URL(candidate, import.meta.url), 'utf8').catch(() => undefined);
      if (text !== undefined) return text;
    }
    throw new McpError(ErrorCode.InternalError, 'the deploy panel is not built into this installation: run `npm run build`');
  })();
  // A failed read is tried again next time (a build may have run since).
  cached.catch(() => (cached = undefined));
  return cached;
}
