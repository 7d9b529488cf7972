import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { IgniteError } from '../../client/ignite-error.js';
import { describeError, formatFailure } from '../../shared/errors.js';
import type { ServerDeps } from '../deps.js';

/**
 * A failed read as a JSON-RPC error. The SDK would take an IgniteError's gRPC code (5 for
 * NOT_FOUND) as the JSON-RPC code, so the failure is restated with a JSON-RPC code and the same
 * message and hint a tool would give.
 */
export function rethrowForResource(err: unknown, deps: ServerDeps): never {
  if (err instanceof McpError) throw err;
  const { message, hint } = describeError(err, { secrets: deps.secrets() });
  const notFound = err instanceof IgniteError && err.codeName === 'NOT_FOUND';
  throw new McpError(notFound ? ErrorCode.InvalidParams : ErrorCode.InternalError, formatFailure({ message, hint }));
}
