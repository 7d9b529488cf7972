import { z } from 'zod';
import { UserError } from '../../../shared/errors.js';
import { cutRedacted, redactKnownSecrets } from '../../../shared/redact.js';
import { headersInput } from './schemas.js';

/** The request half of test_draft and invoke. */
export const httpRequestShape = {
  payload: z.any().optional().describe('Body: JSON values are sent as JSON, strings as is'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('POST'),
  path: z
    .string()
    .max(2048)
    .regex(/^\/[^\s?#]*$/, 'a path starts with "/" and has no spaces, "?" or "#" (put the query in query)')
    .default('/'),
  query: z.string().max(4096).optional(),
  headers: headersInput,
  port: z.number().int().min(1).max(65535).optional(),
  max_body_chars: z.number().int().min(0).max(200_000).default(16_000),
};

/** The response half. */
export const httpResponseShape = {
  status_code: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  body_encoding: z.enum(['utf8', 'base64']),
  body_bytes: z.number().int(),
  body_truncated: z.boolean(),
  execution_id: z.string(),
};

const MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

export function encodePayload(
  payload: unknown,
  headers: Record<string, string> | undefined,
): { body: Buffer; headers: Record<string, string> } {
  const out: Record<string, string> = { ...headers };
  const hasContentType = Object.keys(out).some((key) => key.toLowerCase() === 'content-type');
  let body: Buffer;
  if (payload === undefined) body = Buffer.alloc(0);
  else if (typeof payload === 'string') body = Buffer.from(payload, 'utf8');
  else {
    body = Buffer.from(JSON.stringify(payload), 'utf8');
    if (!hasContentType) out['content-type'] = 'application/json';
  }
  if (body.byteLength > MAX_REQUEST_BODY_BYTES) {
    throw new UserError(`the payload is ${body.byteLength} bytes; the limit is ${MAX_REQUEST_BODY_BYTES}`, 'Send a smaller payload.');
  }
  return { body, headers: out };
}

/**
 * Shows a body to the model: text when it is UTF-8, base64 otherwise, cut at `maxChars`. The configured
 * secrets are hidden before the cut (and a cut that ends inside one hides its first characters too): a
 * token cut in two is no longer the token, so scrubbing the result afterwards would miss it.
 */
export function renderBody(bytes: Buffer, totalBytes: number, maxChars: number, secrets: readonly string[]) {
  const text = bytes.toString('utf8');
  const isText = !text.includes('\uFFFD') && !/[\x00-\x08\x0e-\x1f]/.test(text);
  const full = redactKnownSecrets(isText ? text : bytes.toString('base64'), secrets);
  const cutUpstream = totalBytes > bytes.byteLength;
  return {
    body: cutRedacted(full, maxChars, secrets, cutUpstream),
    body_encoding: isText ? ('utf8' as const) : ('base64' as const),
    body_bytes: totalBytes,
    body_truncated: full.length > maxChars || cutUpstream,
  };
}

export function describeExchange(status: number, bodyBytes: number, truncated: boolean, body: string): string {
  const preview = body.length > 500 ? `${body.slice(0, 500)}…` : body;
  return `HTTP ${status}, ${bodyBytes} bytes${truncated ? ' (cut for display)' : ''}\n${preview}`;
}
