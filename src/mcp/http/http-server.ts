/**
 * ignite-mcp over Streamable HTTP (SDK 1.32's transport) at /mcp: one MCP server and transport per
 * session, each with its own event store for resumed streams; guards before any session code; idle
 * sessions expire (clients such as the conformance suite never send DELETE); shutdown ends every
 * session cleanly before the socket closes.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Logger } from '../../shared/log.js';
import type { IgniteMcpServer } from '../server.js';
import { SessionEventStore } from './event-store.js';
import { allowedHostnames, checkBearer, checkHostAndOrigin, tokenMatches, type GuardRejection } from './request-guards.js';

export const MCP_PATH = '/mcp';

/** Who opened a session: what the session factory may act as upstream. */
export interface SessionIdentity {
  /** The caller's own Ignite token (X-Ignite-Token at initialize), when callers bring their own. */
  igniteToken?: string;
}

export interface McpSession {
  mcp: IgniteMcpServer;
  /** Releases what the session holds upstream (its Ignite client and log streams). */
  close(): Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  /** Bearer tokens that may call; empty means no authentication (loopback development only). */
  tokens: readonly string[];
  /** Hostnames besides the listening one that Host and Origin may name (a reverse proxy's name). */
  extraHostnames?: readonly string[];
  /** Whether X-Ignite-Token is taken from callers (`--http-per-user-tokens`). */
  perUserTokens: boolean;
  createSession(identity: SessionIdentity): Promise<McpSession>;
  logger: Logger;
  /** One request body at most; the stdio transport has the same limit per message. */
  maxBodyBytes?: number;
  idleSessionMs?: number;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  readonly sessions: number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  session: McpSession;
  /** The bearer that opened it: another token cannot use this session id. */
  bearer: string | undefined;
  lastUsed: number;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const sessions = new Map<string, Session>();
  const allowed = allowedHostnames(options.host, options.extraHostnames);
  const logger = options.logger.child('http');
  const idleMs = options.idleSessionMs ?? 30 * 60_000;

  const endSession = async (id: string, why: string) => {
    const entry = sessions.get(id);
    if (!entry) return;
    sessions.delete(id);
    logger.debug(`session ${id} ended: ${why}`);
    await entry.transport.close().catch(() => {});
    await entry.session.mcp.close().catch(() => {});
    await entry.session.close().catch(() => {});
  };

  const reject = (res: ServerResponse, rejection: GuardRejection) => {
    res.writeHead(rejection.status, { 'content-type': 'application/json', ...rejection.headers });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: rejection.message }, id: null }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const rejection =
      checkHostAndOrigin(req, allowed) ??
      (url.pathname !== MCP_PATH ? { status: 400 as const, message: `the MCP endpoint is ${MCP_PATH}` } : undefined) ??
      (options.tokens.length > 0 ? checkBearer(req, options.tokens) : undefined);
    if (rejection) return reject(res, rejection.status === 400 ? { ...rejection, status: 400 } : rejection);
    const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const entry = sessions.get(sessionId);
      if (!entry || (entry.bearer !== undefined && !tokenMatches(bearer ?? '', [entry.bearer]))) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
      }
      entry.lastUsed = Date.now();
      return entry.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Bad Request: send initialize first, then the Mcp-Session-Id it returns' },
          id: null,
        }),
      );
    }
    // A POST without a session is an initialize (the transport refuses anything else).
    const igniteToken = options.perUserTokens ? headerValue(req.headers['x-ignite-token']) : undefined;
    const session = await options.createSession(igniteToken ? { igniteToken } : {});
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new SessionEventStore(),
      maxRequestBodySize: options.maxBodyBytes ?? 10 * 1024 * 1024,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, session, bearer, lastUsed: Date.now() });
        logger.debug(`session ${id} started${igniteToken ? ' with its own Ignite token' : ''}`);
      },
      onsessionclosed: (id) => void endSession(id, 'closed by the client'),
    });
    transport.onclose = () => {
      if (transport.sessionId) void endSession(transport.sessionId, 'transport closed');
    };
    await session.mcp.server.connect(transport);
    await transport.handleRequest(req, res);
    if (!transport.sessionId) {
      // Not an initialize: nothing was opened that a client could come back to.
      await transport.close().catch(() => {});
      await session.close().catch(() => {});
    }
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.warn(`HTTP request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'internal error' }, id: null }));
    });
  });
  const sweeper = setInterval(
    () => {
      for (const [id, entry] of sessions) if (Date.now() - entry.lastUsed > idleMs) void endSession(id, 'idle');
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port, address } = http.address() as AddressInfo;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}${MCP_PATH}`,
    port,
    get sessions() {
      return sessions.size;
    },
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        await Promise.allSettled([...sessions.keys()].map((id) => endSession(id, 'server shutting down')));
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : undefined;
}
