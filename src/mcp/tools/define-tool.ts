import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ClientCapabilities, ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { describeError, formatFailure } from '../../shared/errors.js';
import { IgniteError } from '../../client/ignite-error.js';
import { scrubSecrets } from '../../shared/redact.js';
import type { ServerDeps } from '../deps.js';
import type { AllowedRoots } from '../client-roots.js';
import { preconditionHint } from './shared/precondition-hints.js';
import { wireObject } from './shared/wire-schema.js';
import { userChannelOf } from '../elicitation.js';
import type { TaskRef } from '../tasks/build-tasks.js';
import type { TaskRegistration } from '../tasks/register-task-tool.js';
import { panelLinkFor } from '../ui/deploy-panel.js';
import { toolCallOf, type Extra, type ToolCall } from './tool-call.js';

export type { ClientCapabilities };

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type { Extra, ToolCall } from './tool-call.js';

export interface ToolOutcome<Out> {
  structured: Out;
  /** A short human summary; the full record is in `structured`. */
  text: string;
  links?: ResourceLink[];
}

/**
 * A result's structured content: the fields `output` declares, which a client can rely on, and any
 * others the tool adds for information (the schema does not restate those; the text shows them).
 */
export type ToolOutput<Out extends z.ZodRawShape> = z.output<z.ZodObject<Out>> & { [informational: string]: unknown };

export interface ToolDefinition<In extends z.ZodRawShape = z.ZodRawShape, Out extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: In;
  /** The fields of the structured content a client can rely on (always present, typed). */
  output: Out;
  annotations: ToolAnnotations;
  /**
   * For tools that change state: how to find out whether a call whose outcome is unknown (timeout,
   * connection lost) took effect. Such calls are never retried automatically.
   */
  checkAfterUnknownOutcome?: (args: z.output<z.ZodObject<In>>) => string;
  run(args: z.output<z.ZodObject<In>>, call: ToolCall): Promise<ToolOutcome<ToolOutput<Out>>>;
  /** For tools that start a build: a task-augmented call follows that build (mcp/tasks/). */
  task?: ToolTaskSupport;
}

/** How a tool that starts a build works as an MCP task. */
export interface ToolTaskSupport {
  /** The build a successful call started; none: the call's own answer is the task's result. */
  startedBuild(structured: Record<string, unknown>, args: Record<string, unknown>, call: ToolCall): TaskRef | undefined;
  /** The tool's answer once that build has ended: the task's result. */
  settle(ref: TaskRef, call: ToolCall): Promise<ToolOutcome<Record<string, unknown>>>;
}

/** A tool of any input and output shape, for the registry. */
export type AnyToolDefinition = ToolDefinition<any, any>;

/** Keeps a tool's schema, metadata and handler together as one typed value. */
export function defineTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(
  definition: ToolDefinition<In, Out>,
): ToolDefinition<In, Out> {
  return definition;
}

/**
 * The one place a tool meets the SDK: failures become `isError` results with the mapped message and
 * a hint (never a stack trace, never a secret), successes carry text plus structured content with
 * the configured secrets scrubbed (an app or a build may echo them). A tool with `task` support is
 * registered as an optional task (mcp/tasks/register-task-tool.ts).
 */
export function registerToolDefinition(
  server: McpServer,
  definition: AnyToolDefinition,
  deps: ServerDeps,
  roots: AllowedRoots,
  tasks?: TaskRegistration,
): void {
  const user = userChannelOf(server.server);
  const callOf = (extra: Extra | undefined) => toolCallOf({ deps, roots, user, server: server.server, extra });
  const handler = (args: Record<string, unknown>, extra: Extra): Promise<CallToolResult> =>
    answer(definition, deps, args, callOf(extra), (call) => definition.run(args as never, call));
  if (definition.task && tasks) {
    const task = definition.task;
    tasks.register(server, definition.name, wireConfig(definition), handler, {
      startedBuild: (structured, args, extra) => task.startedBuild(structured, args, callOf(extra)),
      settle: (ref) => answer(definition, deps, {}, callOf(undefined), (call) => task.settle(ref, call)),
    });
    return;
  }
  registerWithWireSchemas(server, definition, handler as never);
}

/** Runs `work` and turns its outcome, or its failure, into the result a client reads. */
async function answer(
  definition: AnyToolDefinition,
  deps: ServerDeps,
  args: Record<string, unknown>,
  call: ToolCall & { done?(): void },
  work: (call: ToolCall) => Promise<ToolOutcome<Record<string, unknown>>>,
): Promise<CallToolResult> {
  try {
    await deps.ready();
    const outcome = await work(call);
    return scrubSecrets(
      {
        content: [{ type: 'text', text: outcome.text }, ...(outcome.links ?? [])],
        structuredContent: outcome.structured,
      },
      deps.secrets(),
    );
  } catch (err) {
    const described = describeError(err, { secrets: deps.secrets() });
    const { message } = described;
    let { hint } = described;
    if (err instanceof IgniteError && err.codeName === 'FAILED_PRECONDITION') hint = preconditionHint(err.details);
    if (definition.checkAfterUnknownOutcome && err instanceof IgniteError && err.outcomeUnknown) {
      hint = `The outcome is unknown: the request may have reached Ignite before the failure. Do not repeat it blindly; first ${definition.checkAfterUnknownOutcome(args as never)}.`;
    }
    deps.logger.debug(`tool ${definition.name} failed`, { message });
    return { content: [{ type: 'text', text: formatFailure({ message, hint }) }], isError: true };
  } finally {
    call.done?.();
  }
}

/**
 * The tool as it is listed, but every call returns `failure` (a configuration that stops the
 * server from working), so an agent sees the problem where it looks: in the tool result.
 */
export function registerFailingTool(server: McpServer, definition: AnyToolDefinition, failure: string): void {
  const handler = async (): Promise<CallToolResult> => ({ content: [{ type: 'text', text: failure }], isError: true });
  registerWithWireSchemas(server, definition, handler as never);
}

/** The tool as tools/list shows it. */
export function wireConfig(definition: AnyToolDefinition) {
  return {
    title: definition.title,
    description: definition.description,
    inputSchema: wireObject(definition.input, 'input'),
    outputSchema: wireObject(definition.output, 'output'),
    // The title is the tool's own field; annotations.title would repeat it in every listing.
    annotations: definition.annotations,
    // The MCP Apps link to the deploy panel, for the tools it renders (mcp/ui/deploy-panel.ts).
    _meta: panelLinkFor(definition.name),
  };
}

function registerWithWireSchemas(server: McpServer, definition: AnyToolDefinition, handler: never): void {
  const registered = server.registerTool(definition.name, wireConfig(definition), handler);
  // The SDK lists `execution: { taskSupport: "forbidden" }` for every plain tool; absent means the same.
  delete registered.execution;
}
