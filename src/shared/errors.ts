/**
 * Failures that carry what to do next, and the one way any failure is shown to an agent or a
 * person: a message, then "What to do: <hint>", never a stack trace, never a secret. Tools,
 * resources and the command line all print through `formatFailure`.
 */
import { redactText } from './redact.js';

/**
 * A failure that knows its next step. UserError (bad input, bad configuration) and the client's
 * IgniteError (a failed Ignite call) are the two kinds; `tag` is a short machine-readable name.
 */
export abstract class HintedError extends Error {
  abstract readonly hint: string;
  abstract readonly tag: string | undefined;
}

export interface UserErrorOptions {
  /** A short machine-readable tag, e.g. "CONFIG" or "CONTEXT_TOO_LARGE". */
  code?: string;
  cause?: unknown;
}

/** A failure the user or agent can fix; `message` says what is wrong, `hint` what to do about it. */
export class UserError extends HintedError {
  override readonly name: string = 'UserError';
  readonly hint: string;
  readonly code: string | undefined;

  constructor(message: string, hint: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = hint;
    this.code = options.code;
  }

  get tag(): string | undefined {
    return this.code;
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
 * What a failure says, redacted. Unknown errors keep only the first line of their message: stack
 * traces mean nothing to an agent and may carry paths or request data.
 */
export function describeError(err: unknown, options: { secrets?: readonly (string | undefined)[] } = {}): ErrorDescription {
  const scrub = (text: string) => redactText(text, options.secrets);
  if (err instanceof HintedError) {
    const description: ErrorDescription = { message: scrub(err.message), hint: scrub(err.hint) };
    if (err.tag !== undefined) description.code = err.tag;
    return description;
  }
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const firstLine = raw.split('\n', 1)[0]?.trim() ?? '';
  return {
    message: firstLine ? `unexpected error: ${scrub(firstLine)}` : 'unexpected error',
    hint: UNEXPECTED_HINT,
  };
}

/** The text of a failure: what went wrong, then what to do next. */
export function formatFailure({ message, hint }: Pick<ErrorDescription, 'message' | 'hint'>): string {
  return hint ? `${message}\nWhat to do: ${hint}` : message;
}
