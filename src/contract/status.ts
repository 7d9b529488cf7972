/**
 * The one place where gRPC status codes become user-facing errors. Tools never look at `error.code`;
 * they throw what the client throws and the MCP layer prints `formatIgniteError` for the agent.
 */
import type { ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import { redactSecrets } from '../shared/redact-tokens.js';

export { redactSecrets } from '../shared/redact-tokens.js';

/**
 * The gRPC status codes, fixed by the gRPC specification. Declared here rather than imported from
 * grpc-js so that tools can describe errors without loading the gRPC stack at start-up; the type
 * check below keeps the two in step.
 */
export enum Status {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}
type SameCodes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const codesMatchGrpcJs: SameCodes<`${Status}`, `${GrpcStatus}`> = true;
void codesMatchGrpcJs;

export interface StatusInfo {
  title: string;
  /** What the agent should do next; specific enough to act on without reading docs. */
  hint: string;
  /** Whether repeating the same call can succeed without changing anything. */
  retryable: boolean;
}

// Codes 2–10 and 16 mirror the dodil CLI exit-code table (ignite-api.md §9); the rest complete grpc.status.
// A Record over the enum makes the compiler reject a missing code.
export const STATUS_TABLE: Readonly<Record<Status, StatusInfo>> = Object.freeze({
  [Status.OK]: { title: 'succeeded', hint: 'No action needed.', retryable: false },
  [Status.CANCELLED]: {
    title: 'cancelled',
    hint: 'The call was cancelled before it finished (the request was aborted or the connection closed); call again only if the cancellation was not intended.',
    retryable: false,
  },
  [Status.UNKNOWN]: {
    title: 'unknown server error',
    hint: 'The server failed without a specific status; retry once, and if it fails again check the build or app logs.',
    retryable: false,
  },
  [Status.INVALID_ARGUMENT]: {
    title: 'invalid request',
    hint: "Fix the request as the server's message says (e.g. a missing name, more than one build source, zipped_code of 4 MB or more), then call again.",
    retryable: false,
  },
  [Status.DEADLINE_EXCEEDED]: {
    title: 'deadline exceeded',
    hint: 'The call did not finish within its deadline; retry, or raise IGNITE_MCP_DEADLINE_MS for slow calls. A create call may still have taken effect, so list or get it before repeating it.',
    retryable: true,
  },
  [Status.NOT_FOUND]: {
    title: 'not found',
    hint: 'Check the organization, app, build, draft or secret name: list_builds finds build ids, configure_app creates a missing app, and a missing draft means save_image_draft has not been called yet. Use ids exactly as tools returned them.',
    retryable: false,
  },
  [Status.ALREADY_EXISTS]: {
    title: 'already exists',
    hint: 'Something with that name already exists; reuse it (get it first) or choose another name.',
    retryable: false,
  },
  [Status.PERMISSION_DENIED]: {
    title: 'permission denied',
    hint: 'The token is valid but lacks the Ignite role or scope for this call (e.g. ignite.app-developer); ask an org admin to grant it, and check the token belongs to the right organization.',
    retryable: false,
  },
  [Status.RESOURCE_EXHAUSTED]: {
    title: 'resource exhausted',
    hint: 'A quota, rate or size limit was hit; wait and retry, or send less (build contexts of 4 MB or more go through upload_context).',
    retryable: true,
  },
  [Status.FAILED_PRECONDITION]: {
    title: 'failed precondition',
    hint: "The target is not in a state that allows this call (e.g. the build already finished, a secret's type does not match its use, the image cannot run); fix what the server's message describes first.",
    retryable: false,
  },
  [Status.ABORTED]: {
    title: 'aborted by a conflicting change',
    hint: 'The call conflicted with a concurrent change; read the current state again, then retry the whole operation.',
    retryable: true,
  },
  [Status.OUT_OF_RANGE]: {
    title: 'out of range',
    hint: 'A value (cursor, sequence number, limit) is outside the valid range; start again without it or use the latest value.',
    retryable: false,
  },
  [Status.UNIMPLEMENTED]: {
    title: 'not supported by this server',
    hint: 'The server does not implement this call; check that IGNITE_API_ENDPOINT points at an Ignite API server of a compatible version.',
    retryable: false,
  },
  [Status.INTERNAL]: {
    title: 'internal server error',
    hint: 'The server hit an internal error; retry once, and if it persists report it with the message above.',
    retryable: false,
  },
  [Status.UNAVAILABLE]: {
    title: 'service unavailable',
    hint: 'The Ignite endpoint could not be reached or is overloaded; check IGNITE_API_ENDPOINT and the network (a plaintext server needs --insecure or IGNITE_DEBUG=1), then retry.',
    retryable: true,
  },
  [Status.DATA_LOSS]: {
    title: 'data loss',
    hint: 'The server reported unrecoverable data loss; upload the context or rebuild again instead of retrying, and report it.',
    retryable: false,
  },
  [Status.UNAUTHENTICATED]: {
    title: 'not authenticated',
    hint: 'The token is missing, invalid or expired: set DODIL_TOKEN or IGNITE_TOKEN, or run `dodil login`, then restart ignite-mcp.',
    retryable: false,
  },
});

// BuildService is switched off at server start when its build infrastructure fails (ignite-api.md §1),
// which shows up as UNIMPLEMENTED on every build call. UNAVAILABLE could be that too, but far more
// often it is an unreachable endpoint, so it keeps the network hint and only mentions the outage.
const BUILD_SERVICE_DOWN: StatusInfo = {
  title: 'build service unavailable',
  hint: 'The Ignite build service is disabled on this server; deploy a prebuilt image instead (save_image_draft with image_ref) or try again later.',
  retryable: true,
};
const BUILD_SERVICE_UNREACHABLE_NOTE = ' If other Ignite calls work, the build service itself may be down: deploy a prebuilt image (save_image_draft with image_ref) meanwhile.';

const SAFE_TO_RETRY: ReadonlySet<Status> = new Set([Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.RESOURCE_EXHAUSTED]);

/**
 * Codes an automatic retry layer may repeat blindly. ABORTED is left out on purpose: it needs a fresh
 * read first, which only the caller can do.
 */
export function isSafeToRetry(code: Status): boolean {
  return SAFE_TO_RETRY.has(code);
}

export function statusName(code: Status): string {
  return Status[code] ?? 'UNKNOWN';
}

export interface IgniteErrorInit {
  code: Status;
  details: string;
  operation: string;
  /** The RPC's service, so build-service outages get their own message. */
  service?: string;
  cause?: unknown;
}

export class IgniteError extends Error {
  override readonly name: string = 'IgniteError';
  readonly code: Status;
  readonly codeName: string;
  readonly title: string;
  readonly details: string;
  readonly hint: string;
  readonly retryable: boolean;
  readonly operation: string;
  override readonly cause: unknown;

  constructor(init: IgniteErrorInit) {
    const buildCall = init.service === 'BuildService';
    const table = STATUS_TABLE[init.code] ?? STATUS_TABLE[Status.UNKNOWN];
    const info =
      buildCall && init.code === Status.UNIMPLEMENTED
        ? BUILD_SERVICE_DOWN
        : buildCall && init.code === Status.UNAVAILABLE
          ? { ...table, hint: table.hint + BUILD_SERVICE_UNREACHABLE_NOTE }
          : table;
    const codeName = statusName(init.code);
    const details = init.details.trim() || info.title;
    super(`${init.operation} failed: ${codeName}: ${details}`);
    this.code = init.code;
    this.codeName = codeName;
    this.title = info.title;
    this.details = details;
    this.hint = info.hint;
    this.retryable = info.retryable;
    this.operation = init.operation;
    this.cause = init.cause;
  }
}

function isServiceError(err: unknown): err is ServiceError {
  if (typeof err !== 'object' || err === null) return false;
  const { code, details } = err as Partial<ServiceError>;
  return typeof code === 'number' && code in STATUS_TABLE && typeof details === 'string';
}

export interface ToIgniteErrorOptions {
  /** Values that must not survive into any message (the configured token). */
  secrets?: readonly (string | undefined)[];
  service?: string;
}

/**
 * Wraps any failure of `operation` as an IgniteError. The grpc ServiceError is kept as `cause`, but its
 * message, details and stack are scrubbed in place first: the server may echo request metadata back.
 */
export function toIgniteError(err: unknown, operation: string, options: ToIgniteErrorOptions = {}): IgniteError {
  if (err instanceof IgniteError) return err;
  const scrub = (text: string) => redactSecrets(text, options.secrets);
  if (isServiceError(err)) {
    err.details = scrub(err.details);
    err.message = scrub(err.message);
    if (err.stack) err.stack = scrub(err.stack);
    return new IgniteError({ code: err.code, details: err.details, operation, service: options.service, cause: err });
  }
  const details = err instanceof Error ? scrub(err.message) : 'unexpected failure';
  return new IgniteError({ code: Status.UNKNOWN, details, operation, service: options.service, cause: err });
}

/** `"<operation> failed: <CODE_NAME>: <details>. <hint>"`: what went wrong, then what to do next. */
export function formatIgniteError(err: IgniteError): string {
  const sentence = /[.!?]$/.test(err.message) ? err.message : `${err.message}.`;
  return `${sentence} ${err.hint}`;
}
