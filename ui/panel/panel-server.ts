import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { HostBridge } from './host-bridge.js';
import { structuredOf, type Json } from './results.js';

/** The MCP server as the panel reaches it: only through the host, which decides what it passes on. */
export interface PanelServer {
  /** The host passes tool calls on (hostCapabilities.serverTools). */
  readonly tools: boolean;
  /** The host passes resource reads on (hostCapabilities.serverResources). */
  readonly resources: boolean;
  /** A tool's structured content; a failed call throws its text. */
  tool(name: string, args: Json): Promise<Json>;
  /** A tool's whole result, failures included (publish and rollback show what the tool said). */
  call(name: string, args: Json): Promise<CallToolResult>;
  /** The text of a resource's first content item. */
  read(uri: string): Promise<string>;
  /** Whether the server offers a resource template (the app-logs resource, when there is one). */
  hasTemplate(pattern: RegExp): Promise<string | undefined>;
}

export function panelServer(bridge: HostBridge): PanelServer {
  const capabilities = bridge.initialized?.hostCapabilities ?? {};
  let templates: Promise<string[]> | undefined;
  return {
    tools: Boolean(capabilities.serverTools),
    resources: Boolean(capabilities.serverResources),
    tool: async (name, args) => structuredOf(await bridge.callTool(name, args)),
    call: (name, args) => bridge.callTool(name, args),
    async read(uri) {
      const result = await bridge.readResource(uri);
      const first = result.contents[0];
      return first && 'text' in first ? first.text : '';
    },
    async hasTemplate(pattern) {
      if (!capabilities.serverResources) return undefined;
      templates ??= bridge
        .listResourceTemplates()
        .then((answer) => answer.resourceTemplates.map((template) => template.uriTemplate))
        .catch(() => []);
      return (await templates).find((template) => pattern.test(template));
    },
  };
}
