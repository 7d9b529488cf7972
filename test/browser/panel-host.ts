/**
 * A small MCP Apps host for the deploy-panel test, run in Chromium: it renders a `ui://` resource
 * in a sandboxed frame with ext-apps' own AppBridge, as a chat client would, and passes the view's
 * requests on to the MCP server. The test process holds the real MCP client; `window.mcpRequest`
 * (a Playwright binding) is the wire between this page and it, so every tool call and resource
 * read the panel makes goes through a real client, server and local Ignite.
 */
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { PanelSpec } from './panel-spec.js';

declare global {
  interface Window {
    /** Provided by the test: one MCP request to the server, answered with its result. */
    mcpRequest(method: string, params: unknown): Promise<never>;
    renderPanel(spec: PanelSpec): Promise<void>;
  }
}

/**
 * The policy a host puts around a view, from the resource's `_meta.ui.csp` (ext-apps' spec: an
 * empty or missing list allows nothing of that kind); inline script and style are the view itself.
 */
function hostPolicy(csp: PanelSpec['csp']): string {
  const or = (list: string[] | undefined) => (list && list.length > 0 ? list.join(' ') : "'none'");
  const resources = csp?.resourceDomains ?? [];
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' ${resources.join(' ')}`.trim(),
    `style-src 'unsafe-inline' ${resources.join(' ')}`.trim(),
    `img-src data: ${resources.join(' ')}`.trim(),
    `font-src ${or(csp?.resourceDomains)}`,
    `connect-src ${or(csp?.connectDomains)}`,
    `frame-src ${or(csp?.frameDomains)}`,
    `base-uri ${or(csp?.baseUriDomains)}`,
  ].join('; ');
}

let bridge: AppBridge | undefined;

window.renderPanel = async (spec) => {
  if (bridge) await bridge.teardownResource({}).catch(() => {});
  await bridge?.close();
  document.querySelector('iframe')?.remove();
  const frame = document.createElement('iframe');
  // What hosts give views: scripts, and an opaque origin (no allow-same-origin).
  frame.sandbox.add('allow-scripts');
  frame.title = 'deploy panel';
  document.getElementById('chat')!.append(frame);
  bridge = new AppBridge(
    null,
    { name: 'panel-test-host', version: '1.0.0' },
    { serverTools: {}, serverResources: {}, logging: {} },
    {
      hostContext: {
        theme: spec.theme,
        displayMode: 'inline',
        toolInfo: { tool: { name: spec.toolName, inputSchema: { type: 'object' } } },
      },
    },
  );
  bridge.oncalltool = (params) => window.mcpRequest('tools/call', params);
  bridge.onreadresource = (params) => window.mcpRequest('resources/read', params);
  bridge.onlistresources = (params) => window.mcpRequest('resources/list', params ?? {});
  bridge.onlistresourcetemplates = (params) => window.mcpRequest('resources/templates/list', params ?? {});
  bridge.addEventListener('sizechange', ({ height }) => {
    if (height) frame.style.height = `${Math.min(height, 1400)}px`;
  });
  const initialized = new Promise<void>((resolve) => bridge!.addEventListener('initialized', () => resolve()));
  await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
  frame.srcdoc = spec.html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${hostPolicy(spec.csp)}">`);
  await initialized;
  await bridge.sendToolInput({ arguments: spec.args });
  await bridge.sendToolResult(spec.result);
};
