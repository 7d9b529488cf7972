/**
 * The one table from a gRPC status to what it means for a caller: the words an agent reads, and
 * whether the call may be repeated, resumed, or may have taken effect. The client's errors, its
 * retry and resume loops and the tools' "outcome unknown" advice all read their answers here.
 */
import type { status as GrpcStatus } from '@grpc/grpc-js';

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
  /**
   * What the agent should do next; specific enough to act on without reading docs. Empty where only
   * the failure itself can say (FAILED_PRECONDITION): a generic hint would name examples that do not apply.
   */
  hint: string;
  /** Whether repeating the same call can succeed without changing anything. */
  retryable: boolean;
  /**
   * Whether an automatic layer may repeat a read blindly. ABORTED is retryable but not this: it
   * needs a fresh read first, which only the caller can do.
   */
  autoRetry: boolean;
  /** Whether a state-changing call that failed so may still have taken effect upstream. */
  outcomeUnknown: boolean;
  /**
   * Whether a log stream cut so is worth resuming after its last sequence number. A server that
   * resets a connection shows it as INTERNAL or UNKNOWN, and resuming a read repeats nothing.
   */
  resumable: boolean;
}

type Columns = Pick<StatusInfo, 'retryable' | 'autoRetry' | 'outcomeUnknown' | 'resumable'>;
const FINAL: Columns = { retryable: false, autoRetry: false, outcomeUnknown: false, resumable: false };
const PASSING: Columns = { retryable: true, autoRetry: true, outcomeUnknown: false, resumable: true };

// The nine statuses of the dodil CLI's exit codes 2–10 (docs/ignite-api.md §9) are Ignite's; the rest complete grpc.status.
// A Record over the enum makes the compiler reject a missing code.
export const STATUS_TABLE: Readonly<Record<Status, StatusInfo>> = Object.freeze({
  [Status.OK]: { title: 'succeeded', hint: 'No action needed.', ...FINAL },
  [Status.CANCELLED]: {
    title: 'cancelled',
    hint: 'The call was cancelled before it finished (the request was aborted or the connection closed); call again only if the cancellation was not intended.',
    ...FINAL,
    outcomeUnknown: true,
  },
  [Status.UNKNOWN]: {
    title: 'unknown server error',
    hint: 'The server failed without a specific status; retry once, and if it fails again check the build or app logs.',
    ...FINAL,
    outcomeUnknown: true,
    resumable: true,
  },
  [Status.INVALID_ARGUMENT]: {
    title: 'invalid request',
    hint: "Fix the request as the server's message says (e.g. a missing name, more than one build source, zipped_code of 4 MB or more), then call again.",
    ...FINAL,
  },
  [Status.DEADLINE_EXCEEDED]: {
    title: 'deadline exceeded',
    hint: 'The call did not finish within its deadline; retry, or raise IGNITE_MCP_DEADLINE_MS for slow calls. A create call may still have taken effect, so list or get it before repeating it.',
    ...PASSING,
    outcomeUnknown: true,
  },
  [Status.NOT_FOUND]: {
    title: 'not found',
    hint: 'Check the organization, app, build, draft or secret name: list_builds finds build ids, configure_app creates a missing app, and a missing draft means save_image_draft has not been called yet. Use ids exactly as tools returned them.',
    ...FINAL,
  },
  [Status.ALREADY_EXISTS]: {
    title: 'already exists',
    hint: 'Something with that name already exists; reuse it (get it first) or choose another name.',
    ...FINAL,
  },
  [Status.PERMISSION_DENIED]: {
    title: 'permission denied',
    hint: 'The token is valid but lacks the Ignite role or scope for this call (e.g. ignite.app-developer); ask an org admin to grant it, and check the token belongs to the right organization.',
    ...FINAL,
  },
  [Status.RESOURCE_EXHAUSTED]: {
    title: 'resource exhausted',
    hint: 'A quota, rate or size limit was hit; wait and retry, or send less (build contexts of 4 MB or more go through upload_context).',
    ...PASSING,
  },
  [Status.FAILED_PRECONDITION]: {
    title: 'failed precondition',
    hint: '',
    ...FINAL,
  },
  [Status.ABORTED]: {
    title: 'aborted by a conflicting change',
    hint: 'The call conflicted with a concurrent change; read the current state again, then retry the whole operation.',
    ...FINAL,
    retryable: true,
    resumable: true,
  },
  [Status.OUT_OF_RANGE]: {
    title: 'out of range',
    hint: 'A value (cursor, sequence number, limit) is outside the valid range; start again without it or use the latest value.',
    ...FINAL,
  },
  [Status.UNIMPLEMENTED]: {
    title: 'not supported by this server',
    hint: 'The server does not implement this call; check that IGNITE_API_ENDPOINT points at an Ignite API server of a compatible version.',
    ...FINAL,
  },
  [Status.INTERNAL]: {
    title: 'internal server error',
    hint: 'The server hit an internal error; retry once, and if it persists report it with the message above.',
    ...FINAL,
    outcomeUnknown: true,
    resumable: true,
  },
  [Status.UNAVAILABLE]: {
    title: 'service unavailable',
    hint: 'The Ignite endpoint could not be reached or is overloaded; check IGNITE_API_ENDPOINT and the network (a plaintext server needs --insecure or IGNITE_DEBUG=1), then retry.',
    ...PASSING,
    outcomeUnknown: true,
  },
  [Status.DATA_LOSS]: {
    title: 'data loss',
    hint: 'The server reported unrecoverable data loss; upload the context or rebuild again instead of retrying, and report it.',
    ...FINAL,
  },
  [Status.UNAUTHENTICATED]: {
    title: 'not authenticated',
    hint: 'The token is missing, invalid or expired: set DODIL_TOKEN or IGNITE_TOKEN, or run `dodil login`, then restart ignite-mcp.',
    ...FINAL,
  },
});

// BuildService is switched off at server start when its build infrastructure fails (docs/ignite-api.md §1),
// which shows up as UNIMPLEMENTED on every build call. UNAVAILABLE could be that too, but far more
// often it is an unreachable endpoint, so it keeps the network hint and only mentions the outage.
export const BUILD_SERVICE_DOWN: StatusInfo = {
  title: 'build service unavailable',
  hint: 'The Ignite build service is disabled on this server; deploy a prebuilt image instead (save_image_draft with image_ref) or try again later.',
  ...FINAL,
  retryable: true,
};
export const BUILD_SERVICE_UNREACHABLE_NOTE =
  ' If other Ignite calls work, the build service itself may be down: deploy a prebuilt image (save_image_draft with image_ref) meanwhile.';

/** Codes an automatic retry layer may repeat blindly (the table's `autoRetry` column). */
export function isSafeToRetry(code: Status): boolean {
  return STATUS_TABLE[code]?.autoRetry ?? false;
}

export function statusName(code: Status): string {
  return Status[code] ?? 'UNKNOWN';
}
