/**
 * Errors raised by ignite-mcp's own code (bad input, bad configuration) and the one function that turns
 * any failure into the text an agent reads. gRPC failures are IgniteErrors from grpc/status.ts.
 */
import { IgniteError, redactSecrets } from '../contract/status.js';

export interface UserErrorOptions {
  /** A short machine-readable tag, e.g. "CONFIG" or "CONTEXT_TOO_LARGE". */
  code?: string;
  cause?: unknown;
}

/** A failure the user or agent can fix; `message` says what is wrong, `hint` what to do about it. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly hint: string;
  readonly code: string | undefined;

  constructor(message: string, hint: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = hint;
    this.code = options.code;
  }
}

export interface ErrorDescription {
  message: string;
  hint: string;
  code?: string;
}

const UNEXPECTED_HINT =
  'This is an unexpected condition in ignite-mcp; retry once, and if it persists report it with the ignite-mcp stderr log.';

/**
 * What the MCP layer shows for a failed tool call. Unknown errors keep only the first line of their
 * message: stack traces mean nothing to an agent and may carry paths or request data.
 */
export function describeError(err: unknown, options: { secrets?: readonly (string | undefined)[] } = {}): ErrorDescription {
  const scrub = (text: string) => redactSecrets(text, options.secrets);
  if (err instanceof IgniteError) {
    return { message: scrub(err.message), hint: err.hint, code: err.codeName };
  }
  if (err instanceof UserError) {
    const description: ErrorDescription = { message: scrub(err.message), hint: scrub(err.hint) };
    if (err.code !== undefined) description.code = err.code;
    return description;
  }
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const firstLine = raw.split('\n', 1)[0]?.trim() ?? '';
  return {
    message: firstLine ? `unexpected error: ${scrub(firstLine)}` : 'unexpected error',
    hint: UNEXPECTED_HINT,
  };
}
