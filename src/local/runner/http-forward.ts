import http from 'node:http';

/** An HTTP request for an app, already checked and carrying the platform headers. */
export interface AppRequest {
  method: string;
  /** Path with the query, e.g. "/items?limit=2". */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that describe one hop's connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/**
 * Sends the request to the app on a loopback port and resolves with the response as soon as its
 * head arrives; the body is left to stream. Aborting the signal (timeout, caller gone) tears
 * the exchange down at any point.
 */
export function sendToApp(port: number, request: AppRequest, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      const key = name.toLowerCase();
      if (!HOP_BY_HOP.has(key) && key !== 'host' && key !== 'content-length') headers[key] = value;
    }
    headers['content-length'] = String(request.body.length);
    const outgoing = http.request(
      { host: '127.0.0.1', port, method: request.method, path: request.target, headers, agent: false, signal },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Response headers as a flat map (repeated headers joined with ", "), without hop-by-hop ones. */
export function responseHeaders(response: http.IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
