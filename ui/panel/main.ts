/**
 * The deploy panel, rendered by MCP Apps hosts for ignite-mcp's build and deploy tools. It shows
 * the result the host hands it, then keeps it live through the host: read_build_logs and get_build
 * for a build, get_app, list_versions and the invocations resource for an app. It holds no token
 * and reaches nothing but the host window (its CSP forbids every connection).
 */
import type { McpUiHostContext } from '@modelcontextprotocol/ext-apps';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AppSection, type Exchange } from './app-section.js';
import { BuildSection } from './build-section.js';
import { el } from './dom.js';
import { HostBridge } from './host-bridge.js';
import { panelServer } from './panel-server.js';
import { num, obj, str, subjectOf, textOf, type Json } from './results.js';

const root = document.getElementById('panel')!;
const bridge = new HostBridge();
let toolArgs: Json = {};
let shown = false;

bridge.on('ui/notifications/tool-input', (params) => (toolArgs = obj(params.arguments)));
bridge.on('ui/notifications/tool-result', (params) => show(params as unknown as CallToolResult));
bridge.on('ui/notifications/tool-cancelled', (params) => {
  if (!shown)
    root.replaceChildren(el('p', { class: 'note', text: `The call was cancelled${params.reason ? `: ${str(params.reason)}` : ''}.` }));
});
bridge.on('ui/notifications/host-context-changed', (params) => applyContext(params as McpUiHostContext));

/** The host's theme and style variables; values go through the CSSOM, never into markup. */
function applyContext(context: McpUiHostContext | undefined): void {
  if (!context) return;
  if (context.theme) document.documentElement.dataset.theme = context.theme;
  for (const [name, value] of Object.entries(context.styles?.variables ?? {})) {
    if (name.startsWith('--') && typeof value === 'string') document.documentElement.style.setProperty(name, value);
  }
}

function show(result: CallToolResult): void {
  shown = true;
  const server = panelServer(bridge);
  const structured = obj(result.structuredContent);
  const sections: HTMLElement[] = [];
  const starts: (() => Promise<void>)[] = [];
  if (result.isError) sections.push(el('p', { class: 'outcome failed', text: textOf(result) }));
  const subject = subjectOf(structured, toolArgs);
  if (subject.buildId) {
    const build = new BuildSection(server, subject.buildId, subject.build, subject.failure);
    sections.push(build.root);
    starts.push(() => build.follow());
  }
  if (subject.appName) {
    const exchange: Exchange | undefined =
      typeof structured.status_code === 'number'
        ? {
            kind: 'image_ref' in structured ? 'test_draft' : 'invoke',
            status_code: num(structured.status_code),
            execution_id: str(structured.execution_id),
            body: str(structured.body),
          }
        : undefined;
    const outcome = 'consent' in structured ? textOf(result).split('\n')[0] : undefined;
    const app = new AppSection(server, subject.appName, subject.organization, { exchange, outcome });
    sections.push(app.root);
    starts.push(() => app.load());
  }
  if (sections.length === 0) sections.push(el('pre', { class: 'plain', text: textOf(result) }));
  root.replaceChildren(...sections);
  for (const start of starts) void start();
}

/** Tells the host how tall the panel is, so it can size the frame to fit. */
function reportSize(): void {
  let queued = false;
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const { width, height } = document.documentElement.getBoundingClientRect();
      bridge.notify('ui/notifications/size-changed', { width: Math.ceil(width), height: Math.ceil(height) });
    });
  }).observe(document.documentElement);
}

bridge
  .connect({ name: 'ignite-deploy-panel', version: '1' })
  .then((initialized) => {
    applyContext(initialized.hostContext);
    reportSize();
  })
  .catch((err: Error) => root.replaceChildren(el('p', { class: 'note', text: `Not connected to a host: ${err.message}` })));
