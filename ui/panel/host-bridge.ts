/**
 * The view's side of MCP Apps (spec 2026-01-26): JSON-RPC 2.0 over postMessage with the host
 * window. Written out rather than taken from ext-apps' `App` class, which bundles zod and the SDK's
 * schemas (about 510 KB minified, against a budget of 150 KB for the whole panel; docs/mcp-sdk.md
 * G15). The e2e test runs it against ext-apps' own AppBridge, which validates every message.
 */
import type { McpUiHostContext, McpUiInitializeResult } from '@modelcontextprotocol/ext-apps';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';

/** ext-apps 1.7.5's LATEST_PROTOCOL_VERSION (a unit test compares them). */
export const PROTOCOL_VERSION = '2026-01-26';

/** A host that never answers must not leave a button spinning for ever. */
const REQUEST_TIMEOUT_MS = 60_000;

type Handler = (params: Record<string, unknown>) => void;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Handler>();
  private readonly host: Window;
  initialized: McpUiInitializeResult | undefined;

  constructor(host: Window = window.parent) {
    this.host = host;
    window.addEventListener('message', (event) => {
      // Only the window that embeds us speaks for the host.
      if (event.source !== this.host) return;
      this.receive(event.data);
    });
  }

  /** Sets the handler of a host notification (`ui/notifications/tool-result`, …). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  async connect(appInfo: { name: string; version: string }): Promise<McpUiInitializeResult> {
    const result = await this.request<McpUiInitializeResult>('ui/initialize', {
      appInfo,
      appCapabilities: {},
      protocolVersion: PROTOCOL_VERSION,
    });
    this.initialized = result;
    this.notify('ui/notifications/initialized', {});
    return result;
  }

  hostContext(): McpUiHostContext | undefined {
    return this.initialized?.hostContext;
  }

  /** Through the host's own tool-call path, so whatever it asks the user first applies. */
  async callTool(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    return this.request<CallToolResult>('tools/call', { name, arguments: args });
  }

  async readResource(uri: string): Promise<ReadResourceResult> {
    return this.request<ReadResourceResult>('resources/read', { uri });
  }

  async listResourceTemplates(): Promise<{ resourceTemplates: { uriTemplate: string }[] }> {
    return this.request('resources/templates/list', {});
  }

  notify(method: string, params: Record<string, unknown>): void {
    this.host.postMessage({ jsonrpc: '2.0', method, params }, '*');
  }

  request<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the host did not answer ${method} within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.host.postMessage({ jsonrpc: '2.0', id, method, params }, '*');
    });
  }

  private receive(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const message = data as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (message.jsonrpc !== '2.0') return;
    if (typeof message.method === 'string') {
      const params = (message.params && typeof message.params === 'object' ? message.params : {}) as Record<string, unknown>;
      if (message.id === undefined) this.handlers.get(message.method)?.(params);
      else this.answer(message.id, message.method);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.error) {
      const error = message.error as { message?: unknown };
      pending.reject(new Error(typeof error.message === 'string' ? error.message : 'the host refused the request'));
    } else pending.resolve(message.result);
  }

  /** Requests from the host: teardown and ping are answered; the view offers no tools of its own. */
  private answer(id: unknown, method: string): void {
    if (method === 'ui/resource-teardown' || method === 'ping') {
      this.host.postMessage({ jsonrpc: '2.0', id, result: {} }, '*');
      return;
    }
    this.host.postMessage({ jsonrpc: '2.0', id, error: { code: -32601, message: `the deploy panel does not handle ${method}` } }, '*');
  }
}
