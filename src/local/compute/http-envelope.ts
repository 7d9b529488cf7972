import { randomUUID } from 'node:crypto';
import type { HttpContext__Output } from '../../contract/generated/dodil/ignite/v1/HttpContext.js';
import { invalidArgument } from '../rpc/errors.js';
import type { AppRequest } from '../runner/http-forward.js';
import { containerPortsOf } from '../runner/ports.js';
import { appId, type AppRecord } from './apps.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A request target is printable ASCII on the wire; anything else must arrive percent-encoded.
const UNSAFE_IN_TARGET = /[^\x21-\x7e]/;
/** What Node's HTTP client accepts in a header value (RFC 9110 field-vchar, SP, HTAB, obs-text). */
const UNSAFE_IN_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** An invocation as it goes to the app, with the execution id it carries. */
export interface Exchange {
  executionId: string;
  request: AppRequest;
}

/**
 * Turns an invocation envelope (HttpContext + body) into the HTTP request the app receives.
 * Defaults follow the image contract: POST / with the payload as body. The platform headers are
 * set here and any caller-sent x-ignite-* header is dropped, since the platform's are non-spoofable.
 */
export function exchangeFor(app: AppRecord, http: HttpContext__Output | null, body: Buffer | undefined): Exchange {
  const method = (http?.method || 'POST').toUpperCase();
  if (!TOKEN.test(method)) throw invalidArgument(`http.method "${method.slice(0, 40)}" is not an HTTP method`);
  const path = http?.path || '/';
  if (!path.startsWith('/') || UNSAFE_IN_TARGET.test(path)) {
    throw invalidArgument(
      `http.path "${path.slice(0, 200)}" must start with "/" and be URL-encoded (no spaces, control or non-ASCII characters)`,
    );
  }
  const query = (http?.query ?? '').replace(/^\?/, '');
  if (UNSAFE_IN_TARGET.test(query)) throw invalidArgument('http.query must be URL-encoded (no spaces, control or non-ASCII characters)');
  const target = query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(http?.headers ?? {})) {
    if (!TOKEN.test(name)) throw invalidArgument(`http.headers: "${name.slice(0, 80)}" is not a valid header name`);
    if (/[\r\n\u0000]/.test(value)) throw invalidArgument(`http.headers: the value of ${name} contains a line break or NUL`);
    if (UNSAFE_IN_HEADER_VALUE.test(value))
      throw invalidArgument(
        `http.headers: the value of ${name} has characters a header cannot carry (control characters or beyond Latin-1); encode it`,
      );
    if (!name.toLowerCase().startsWith('x-ignite-')) headers[name.toLowerCase()] = value;
  }
  const executionId = randomUUID();
  headers['x-ignite-execution-id'] = executionId;
  headers['x-ignite-function-id'] = appId(app.organization_name, app.name);
  // The local Ignite knows organizations by name only, so the name stands in for the org id.
  headers['x-ignite-organization-id'] = app.organization_name;
  return { executionId, request: { method, target, headers, body: body ?? Buffer.alloc(0) } };
}

/** The container port a request targets: 0 means the app's first port. */
export function containerPortFor(app: AppRecord, requested: number): number {
  const ports = containerPortsOf(app.ports);
  if (requested === 0) return ports[0]!;
  if (!ports.includes(requested)) {
    throw invalidArgument(
      `port ${requested} is not one of the ports of app "${app.name}": [${ports.join(', ')}]; set them with UpdateAppConfig.ports`,
    );
  }
  return requested;
}
