import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type {
  CallToolResult,
  ClientCapabilities,
  ResourceLink,
  ServerNotification,
  ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { describeError, formatFailure } from '../../shared/errors.js';
import { IgniteError } from '../../client/ignite-error.js';
import { scrubSecrets } from '../../shared/redact.js';
import type { ServerDeps } from '../deps.js';
import type { AllowedRoots } from '../client-roots.js';
import { preconditionHint } from './shared/precondition-hints.js';
import { wireObject } from './shared/wire-schema.js';
import { userChannelOf, type UserChannel } from '../elicitation.js';
import { panelLinkFor } from '../ui/deploy-panel.js';

export type { ClientCapabilities };

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What a tool handler gets besides its arguments. */
export interface ToolCall {
  deps: ServerDeps;
  signal: AbortSignal;
  /** Sends notifications/progress when the caller asked for progress; does nothing otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** True when the caller gave a progress token. */
  readonly wantsProgress: boolean;
  /** Folders this call may read: the client's roots, else the configured folders, else the cwd. */
  allowedRoots(): Promise<string[]>;
  /** Asks the user through the client, where it supports elicitation (consent, secret entry). */
  user: UserChannel;
  /** What the connected client declared at initialize (roots, elicitation, sampling, tasks). */
  clientCapabilities(): ClientCapabilities | undefined;
}

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
}

/** A tool of any input and output shape, for the registry. */
export type AnyToolDefinition = ToolDefinition<any, any>;

/** Keeps a tool's schema, metadata and handler together as one typed value. */
export function defineTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(
  definition: ToolDefinition<In, Out>,
): ToolDefinition<In, Out> {
  return definition;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * The one place a tool meets the SDK: failures become `isError` results with the mapped message and
 * a hint (never a stack trace, never a secret), successes carry text plus structured content with
 * the configured secrets scrubbed (an app or a build may echo them).
 */
export function registerToolDefinition(server: McpServer, definition: AnyToolDefinition, deps: ServerDeps, roots: AllowedRoots): void {
  const user = userChannelOf(server.server);
  const handler = async (args: Record<string, unknown>, extra: Extra): Promise<CallToolResult> => {
    const token = extra._meta?.progressToken;
    const call: ToolCall = {
      deps,
      signal: extra.signal,
      wantsProgress: token !== undefined,
      allowedRoots: () => roots.current(),
      user,
      clientCapabilities: () => server.server.getClientCapabilities(),
      async progress(progress, total, message) {
        if (token === undefined) return;
        await extra
          .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } })
          .catch(() => {});
      },
    };
    try {
      await deps.ready();
      const outcome = await definition.run(args as never, call);
      return scrubSecrets(
        {
          content: [{ type: 'text', text: outcome.text }, ...(outcome.links ?? [])],
          structuredContent: outcome.structured as Record<string, unknown>,
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
    }
  };
  registerWithWireSchemas(server, definition, handler as never);
}

/**
 * The tool as it is listed, but every call returns `failure` (a configuration that stops the
 * server from working), so an agent sees the problem where it looks: in the tool result.
 */
export function registerFailingTool(server: McpServer, definition: AnyToolDefinition, failure: string): void {
  const handler = async (): Promise<CallToolResult> => ({ content: [{ type: 'text', text: failure }], isError: true });
  registerWithWireSchemas(server, definition, handler as never);
}

function registerWithWireSchemas(server: McpServer, definition: AnyToolDefinition, handler: never): void {
  const registered = server.registerTool(
    definition.name,
    {
      title: definition.title,
      description: definition.description,
      inputSchema: wireObject(definition.input, 'input'),
      outputSchema: wireObject(definition.output, 'output'),
      // The title is the tool's own field; annotations.title would repeat it in every listing.
      annotations: definition.annotations,
      // The MCP Apps link to the deploy panel, for the tools it renders (mcp/ui/deploy-panel.ts).
      _meta: panelLinkFor(definition.name),
    },
    handler,
  );
  // The SDK lists `execution: { taskSupport: "forbidden" }` for every plain tool; absent means the same.
  delete registered.execution;
}
