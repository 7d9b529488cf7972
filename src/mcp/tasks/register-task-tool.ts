/**
 * Registers a tool that starts a build as an optional MCP task (SDK 1.32's experimental API): the
 * listing says `execution: { taskSupport: "optional" }`, a task-augmented call gets a task that
 * follows the build (build-tasks.ts), and a plain call answers as before.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Extra } from '../tools/tool-call.js';
import type { TaskRef } from './build-tasks.js';

export interface TaskHooks {
  startedBuild(structured: Record<string, unknown>, args: Record<string, unknown>, extra: Extra): TaskRef | undefined;
  settle(ref: TaskRef): Promise<CallToolResult>;
}

export interface TaskRegistration {
  register(
    server: McpServer,
    name: string,
    /** The listing of a plain tool (title, description, schemas, annotations). */
    config: Record<string, unknown>,
    handler: (args: Record<string, unknown>, extra: Extra) => Promise<CallToolResult>,
    hooks: TaskHooks,
  ): void;
  /** The tool answers of ended builds, by tool name, for the task store. */
  settle(ref: TaskRef): Promise<CallToolResult>;
}

/** One per server: it keeps each task tool's hooks so the task store can settle its tasks. */
export function taskRegistration(): TaskRegistration {
  const hooks = new Map<string, TaskHooks>();
  return {
    register(server, name, config, handler, toolHooks) {
      hooks.set(name, toolHooks);
      type TaskExtra = Extra & {
        taskStore: {
          createTask(options: object): Promise<unknown>;
          getTask(id: string): Promise<unknown>;
          getTaskResult(id: string): Promise<unknown>;
        };
        taskRequestedTtl?: number | null;
        taskId?: string;
      };
      server.experimental.tasks.registerToolTask(name, { ...config, execution: { taskSupport: 'optional' } } as never, {
        createTask: (async (args: Record<string, unknown>, extra: TaskExtra) => {
          const result = await handler(args, extra);
          const ref =
            !result.isError && result.structuredContent ? toolHooks.startedBuild(result.structuredContent, args, extra) : undefined;
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? undefined, context: { ref, result } });
          return { task };
        }) as never,
        getTask: (async (_args: unknown, extra: TaskExtra) => extra.taskStore.getTask(extra.taskId!)) as never,
        getTaskResult: (async (_args: unknown, extra: TaskExtra) => extra.taskStore.getTaskResult(extra.taskId!)) as never,
      });
    },
    settle(ref) {
      const tool = hooks.get(ref.tool);
      if (!tool) return Promise.resolve({ content: [{ type: 'text', text: `task of unknown tool ${ref.tool}` }], isError: true });
      return tool.settle(ref);
    },
  };
}
