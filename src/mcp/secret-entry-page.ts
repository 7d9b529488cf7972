import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Far above any password or token; a bigger body is not one. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** A one-time page on loopback where the user types a secret; the value goes from their browser to this process only. */
export interface SecretEntryPage {
  readonly url: string;
  readonly elicitationId: string;
  /** The value once the user submitted it; rejects when the page is closed or the signal aborts first. */
  readonly value: Promise<string>;
  close(): void;
}

/**
 * Serves the page for URL-mode elicitation (docs/mcp-sdk.md G14). The path carries 192 random
 * bits, the server listens on 127.0.0.1 only, checks Host (DNS rebinding) and Origin (cross-site
 * posts), accepts one submission and then stops; nothing is loaded from elsewhere.
 */
export async function openSecretEntryPage(options: { title: string; label: string; signal: AbortSignal }): Promise<SecretEntryPage> {
  const http = await import('node:http');
  const token = randomBytes(24).toString('base64url');
  const route = `/secret/${token}`;
  let settle: { resolve(value: string): void; reject(err: Error): void } | undefined;
  const value = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  value.catch(() => {});
  let origin = '';
  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 400, 'The request could not be read.'));
  });
  const close = () => {
    server.close();
    server.closeAllConnections();
    settle?.reject(new Error('the secret entry page was closed before a value was submitted'));
  };
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [path] = (request.url ?? '').split('?');
    if (request.headers.host !== origin.slice('http://'.length) || path !== route) return answer(response, 404, 'Not found.');
    if (request.method === 'GET') return page(response, options.title, options.label, route);
    if (request.method !== 'POST') return answer(response, 405, 'Not allowed.');
    if (request.headers.origin !== undefined && request.headers.origin !== origin) return answer(response, 403, 'Wrong origin.');
    const body = await readBody(request);
    if (body === undefined) return answer(response, 413, 'The value is too long.');
    const submitted = new URLSearchParams(body).get('value') ?? '';
    if (!submitted) return answer(response, 400, 'The value is empty; go back and enter it.');
    settle?.resolve(submitted);
    answer(response, 200, 'Received. You can close this tab and go back to your assistant.');
    setImmediate(close);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  options.signal.addEventListener('abort', close, { once: true });
  void value.finally(() => options.signal.removeEventListener('abort', close)).catch(() => {});
  return { url: `${origin}${route}`, elicitationId: randomUUID(), value, close };
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_SECRET_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  response.end(`${text}\n`);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(response: ServerResponse, title: string, label: string, route: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
  response.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>${escapeHtml(title)}</h1>
<p>Typed here, the value goes to ignite-mcp on this machine and then to Ignite; your assistant never sees it.</p>
<form method="post" action="${route}" autocomplete="off">
<label>${escapeHtml(label)} <input type="password" name="value" required autofocus style="width: 100%"></label>
<p><button type="submit">Save</button></p>
</form></body></html>`);
}
