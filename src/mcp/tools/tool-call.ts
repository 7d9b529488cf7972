/**
 * The ToolCall a tool's `run` gets: its signal, progress, the folders it may read, the user
 * channel. Progress doubles as a keep-alive: some clients reset their request timeout on progress,
 * so while a call that asked for progress runs, a notification goes out at least every few seconds
 * even when the tool has nothing new to say.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ClientCapabilities, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { AllowedRoots } from '../client-roots.js';
import type { ServerDeps } from '../deps.js';
import type { UserChannel } from '../elicitation.js';

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

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

/** Longest silence towards a client that asked for progress. */
export const KEEP_ALIVE_MS = 4000;

export interface ToolCallSetup {
  deps: ServerDeps;
  roots: AllowedRoots;
  user: UserChannel;
  server: Server;
  /** The request being served; none for work on the server's own account (a task's result). */
  extra: Extra | undefined;
}

/** A ToolCall, with `done()` to end its keep-alive once the call has answered. */
export function toolCallOf(setup: ToolCallSetup): ToolCall & { done(): void } {
  const { extra } = setup;
  const token = extra?._meta?.progressToken;
  // Progress must grow with each notification (MCP spec), so a keep-alive repeats the last value plus a hair.
  let last = 0;
  let lastMessage = 'working';
  let lastSentAt = Date.now();
  const send = async (progress: number, total: number | undefined, message: string | undefined) => {
    if (token === undefined || !extra) return;
    last = Math.max(progress, last + 1e-6);
    lastSentAt = Date.now();
    if (message) lastMessage = message;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: last, total, message } })
      .catch(() => {});
  };
  const keepAlive =
    token === undefined
      ? undefined
      : setInterval(() => {
          if (Date.now() - lastSentAt >= KEEP_ALIVE_MS) void send(last, undefined, `still ${lastMessage.replace(/^still /, '')}`);
        }, KEEP_ALIVE_MS / 4);
  keepAlive?.unref();
  return {
    deps: setup.deps,
    signal: extra?.signal ?? new AbortController().signal,
    wantsProgress: token !== undefined,
    allowedRoots: () => setup.roots.current(),
    user: setup.user,
    clientCapabilities: () => setup.server.getClientCapabilities(),
    progress: (progress, total, message) => send(progress, total, message),
    done: () => clearInterval(keepAlive),
  };
}
