/**
 * What an HTTP request must pass before it reaches a session: a Host (and Origin, when a browser
 * sends one) this server answers to, so a page on another site cannot drive it through DNS
 * rebinding; a body within the cap; and, unless switched off for loopback development, a bearer
 * token compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardRejection {
  status: 400 | 401 | 403 | 413;
  message: string;
  headers?: Record<string, string>;
}

/** Hostnames (no port) this server answers to; loopback names when it listens on loopback. */
export function allowedHostnames(host: string, extra: readonly string[] = []): Set<string> {
  const loopback = ['localhost', '127.0.0.1', '[::1]', '::1'];
  const names = new Set<string>(extra.map((name) => name.toLowerCase()));
  if (loopback.includes(host) || host === '0.0.0.0' || host === '::') for (const name of loopback) names.add(name);
  else names.add(host.toLowerCase());
  return names;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function checkHostAndOrigin(request: IncomingMessage, allowed: ReadonlySet<string>): GuardRejection | undefined {
  const host = hostnameOf(request.headers.host ?? '');
  if (!host || !allowed.has(host))
    return { status: 403, message: `Host ${JSON.stringify(request.headers.host ?? '')} is not one this server answers to` };
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).hostname.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (!originHost || !allowed.has(originHost)) return { status: 403, message: `Origin ${JSON.stringify(origin)} is not allowed` };
  }
  return undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * True when `presented` equals one of `tokens`. Hashing first gives equal-length buffers, so
 * timingSafeEqual never leaks a token's length, and every token is compared whatever matches.
 */
export function tokenMatches(presented: string, tokens: readonly string[]): boolean {
  const given = digest(presented);
  let matched = false;
  for (const token of tokens) if (timingSafeEqual(given, digest(token))) matched = true;
  return matched;
}

/** RFC 6750, which the MCP authorization spec builds on: 401 with a WWW-Authenticate challenge. */
export function checkBearer(request: IncomingMessage, tokens: readonly string[]): GuardRejection | undefined {
  const header = request.headers.authorization;
  const challenge = 'Bearer realm="ignite-mcp"';
  if (!header)
    return { status: 401, message: 'this server needs "Authorization: Bearer <token>"', headers: { 'WWW-Authenticate': challenge } };
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!presented || !tokenMatches(presented, tokens)) {
    return {
      status: 401,
      message: 'the bearer token is not valid for this server',
      headers: { 'WWW-Authenticate': `${challenge}, error="invalid_token"` },
    };
  }
  return undefined;
}
