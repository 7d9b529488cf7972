import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerDeployWorkflowPrompt } from './prompts/deploy-workflow.js';
import { registerBuildResources } from './resources/build-resources.js';
import { BuildSubscriptions } from './resources/subscriptions.js';
import { AllowedRoots } from './client-roots.js';
import type { ServerDeps } from './deps.js';
import { registerToolDefinition } from './tools/define-tool.js';
import { TOOLS } from './tools/index.js';
import { PACKAGE_VERSION } from '../shared/version.js';

export interface IgniteMcpServer {
  server: McpServer;
  /** Stops following builds for this session; the caller closes the transport and client. */
  close(): Promise<void>;
}

/** Builds the MCP server for one session: tools, build resources with subscriptions, the workflow prompt. */
export function createServer(deps: ServerDeps): IgniteMcpServer {
  const server = new McpServer(
    { name: 'ignite-mcp', title: 'Dodil Ignite (bring your own image)', version: PACKAGE_VERSION },
    {
      // McpServer does not add `subscribe` or `logging` itself (docs/mcp-sdk.md G1, G2).
      capabilities: {
        logging: {},
        resources: { subscribe: true, listChanged: true },
        tools: { listChanged: true },
        prompts: { listChanged: true },
      },
      instructions: SERVER_INSTRUCTIONS,
    },
  );
  const roots = new AllowedRoots(server.server, deps.fallbackRoots, deps.logger);
  for (const tool of TOOLS) {
    if (deps.config.readOnly && !tool.annotations.readOnlyHint) continue;
    registerToolDefinition(server, tool, deps, roots);
  }
  registerBuildResources(server, deps);
  const subscriptions = new BuildSubscriptions(server, deps);
  registerDeployWorkflowPrompt(server);
  return {
    server,
    async close() {
      subscriptions.close();
      await server.close();
    },
  };
}
