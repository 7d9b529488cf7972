import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What the test hands the host page to render: the resource, and the tool call it shows. */
export interface PanelSpec {
  html: string;
  /** The resource's `_meta.ui.csp` (ext-apps' McpUiResourceCsp). */
  csp: { connectDomains?: string[]; resourceDomains?: string[]; frameDomains?: string[]; baseUriDomains?: string[] } | undefined;
  toolName: string;
  args: Record<string, unknown>;
  result: CallToolResult;
  theme: 'light' | 'dark';
}
