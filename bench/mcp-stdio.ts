/**
 * A bare JSON-RPC client for an MCP server on stdio: one line out, one line in. The SDK's Client
 * validates every message with zod, which would add its own cost to what we measure; this one
 * only parses JSON, so the timings are the server's (and the pipe's).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface RpcMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

export const INITIALIZE_PARAMS = {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'ignite-mcp-bench', version: '0' },
};

export class McpStdio {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, { resolve: (message: RpcMessage) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private buffered = '';
  private stderrTail = '';
  /** Called for every notification with the time its line arrived (performance.now()). */
  onNotification: (message: RpcMessage, receivedAt: number) => void = () => {};

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.receive(chunk, performance.now()));
    // Drained always: a server that logs more than a pipe holds would otherwise stall.
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000)));
    this.child.on('exit', (code) => {
      for (const { reject } of this.waiting.values()) reject(new Error(`MCP server exited (${code}): ${this.stderrTail}`));
      this.waiting.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last few KB the server wrote to stderr, for error messages. */
  get stderr(): string {
    return this.stderrTail;
  }

  async initialize(): Promise<RpcMessage> {
    const reply = await this.request('initialize', INITIALIZE_PARAMS);
    this.notify('notifications/initialized');
    return reply;
  }

  request(method: string, params?: Record<string, unknown>): Promise<RpcMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message)),
        reject,
      });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** Ends stdin, which the server treats as shutdown, and waits for the process to go. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private receive(chunk: string, at: number): void {
    this.buffered += chunk;
    let start = 0;
    for (let newline = this.buffered.indexOf('\n'); newline >= 0; newline = this.buffered.indexOf('\n', start)) {
      const line = this.buffered.slice(start, newline);
      start = newline + 1;
      if (!line.trim()) continue;
      const message = JSON.parse(line) as RpcMessage;
      if (message.id !== undefined && message.method === undefined) {
        this.waiting.get(message.id)?.resolve(message);
        this.waiting.delete(message.id);
      } else if (message.id === undefined && message.method) {
        this.onNotification(message, at);
      }
    }
    this.buffered = this.buffered.slice(start);
  }
}
