/**
 * A bare JSON-RPC client for an MCP server over Streamable HTTP, the counterpart of mcp-stdio.ts:
 * POST a request, read its SSE answer; one GET stream for notifications. Only JSON parsing, so the
 * timings are the server's and the transport's, not a client library's.
 */
import type { RpcMessage } from './mcp-stdio.js';
import { INITIALIZE_PARAMS } from './mcp-stdio.js';

export class McpHttp {
  private session = '';
  private nextId = 1;
  private readonly events = new AbortController();
  /** Called for every notification on the GET stream with the time its event arrived. */
  onNotification: (message: RpcMessage, receivedAt: number) => void = () => {};

  constructor(private readonly url: string) {}

  private headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...(this.session ? { 'mcp-session-id': this.session } : {}),
    };
  }

  async initialize(): Promise<void> {
    await this.request('initialize', INITIALIZE_PARAMS);
    const ack = await fetch(this.url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
    await ack.body?.cancel();
    void this.listen();
  }

  async request(method: string, params: Record<string, unknown> = {}): Promise<RpcMessage> {
    const id = this.nextId++;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
    });
    this.session ||= response.headers.get('mcp-session-id') ?? '';
    const text = await response.text();
    for (const data of text.matchAll(/^data: (.+)$/gm)) {
      const message = JSON.parse(data[1]!) as RpcMessage;
      if (message.id === id) return message;
    }
    throw new Error(`no answer to ${method} (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }

  private async listen(): Promise<void> {
    const response = await fetch(this.url, {
      headers: { ...this.headers(), accept: 'text/event-stream' },
      signal: this.events.signal,
    }).catch(() => undefined);
    if (!response?.body) return;
    const reader = response.body.getReader();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      const at = performance.now();
      buffer += Buffer.from(chunk.value).toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.+)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (data) this.onNotification(JSON.parse(data) as RpcMessage, at);
      }
    }
  }

  async close(): Promise<void> {
    this.events.abort();
    if (!this.session) return;
    const response = await fetch(this.url, { method: 'DELETE', headers: this.headers() }).catch(() => undefined);
    await response?.body?.cancel();
  }
}
