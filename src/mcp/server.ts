import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerDeployWorkflowPrompt } from './prompts/deploy-workflow.js';
import { registerBuildResources, registerFailingBuildResources } from './resources/build-resources.js';
import { registerAppInvocations, registerFailingAppInvocations } from './resources/app-invocations.js';
import { BuildSubscriptions } from './resources/subscriptions.js';
import { AllowedRoots } from './client-roots.js';
import type { ServerDeps } from './deps.js';
import { registerFailingTool, registerToolDefinition } from './tools/define-tool.js';
import { TOOLS } from './tools/index.js';
import { registerDeployPanel } from './ui/deploy-panel.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import { InMemoryTaskMessageQueue } from '@modelcontextprotocol/sdk/experimental/tasks';
import { BuildTaskStore } from './tasks/build-tasks.js';
import { taskRegistration } from './tasks/register-task-tool.js';

export interface IgniteMcpServer {
  server: McpServer;
  /** Stops following builds for this session; the caller closes the transport and client. */
  close(): Promise<void>;
}

const IDENTITY = { name: 'ignite-mcp', title: 'Dodil Ignite (bring your own image)', version: PACKAGE_VERSION };

/** Builds the MCP server for one session: tools, build resources with subscriptions, the deploy panel, the workflow prompt. */
export function createServer(deps: ServerDeps): IgniteMcpServer {
  const tasks = taskRegistration();
  const taskStore = new BuildTaskStore({
    buildStatus: async (buildId) => {
      const { build } = await deps.client.getBuild({ build_id: buildId });
      return build ? { status: build.status, error: build.error } : undefined;
    },
    cancelBuild: async (buildId) => void (await deps.client.cancelBuild({ build_id: buildId })),
    settle: (ref) => tasks.settle(ref),
  });
  const server = new McpServer(IDENTITY, {
    // McpServer does not add `subscribe` or `logging` itself (docs/mcp-sdk.md G1, G2).
    capabilities: {
      logging: {},
      resources: { subscribe: true, listChanged: true },
      tools: { listChanged: true },
      prompts: { listChanged: true },
      // Tools that start a build can run as tasks (spec 2025-11-25; mcp/tasks/).
      tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
    },
    instructions: SERVER_INSTRUCTIONS,
    taskStore,
    taskMessageQueue: new InMemoryTaskMessageQueue(),
  });
  const roots = new AllowedRoots(server.server, deps.fallbackRoots, deps.logger);
  for (const tool of TOOLS) {
    if (deps.config.readOnly && !tool.annotations.readOnlyHint) continue;
    registerToolDefinition(server, tool, deps, roots, tasks);
  }
  registerBuildResources(server, deps);
  registerAppInvocations(server, deps);
  registerDeployPanel(server);
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

/**
 * The server when the configuration is broken: it still answers initialize, with instructions
 * that say so, and lists every tool, but each tool call returns `failure` (the formatted
 * configuration problem) as an isError result and each resource read fails with it. Clients that
 * drop stderr would otherwise show only "Connection closed".
 */
export function createMisconfiguredServer(failure: string): IgniteMcpServer {
  const server = new McpServer(IDENTITY, {
    capabilities: { logging: {}, resources: { listChanged: true }, tools: { listChanged: true }, prompts: { listChanged: true } },
    instructions: `ignite-mcp cannot work: its configuration is broken, and every tool call returns the problem until the server is restarted with it fixed. Tell the user what to set.\n${failure}`,
  });
  for (const tool of TOOLS) registerFailingTool(server, tool, failure);
  registerFailingBuildResources(server, failure);
  registerFailingAppInvocations(server, failure);
  // The panel is static HTML: it renders the failing results as they are.
  registerDeployPanel(server);
  registerDeployWorkflowPrompt(server);
  return { server, close: () => server.close() };
}
