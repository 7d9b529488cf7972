/**
 * A failed Ignite call as the client reports it: the RPC, its status, the server's details and the
 * status table's advice. Every failure leaves the client as one of these.
 */
import type { ServiceError } from '@grpc/grpc-js';
import { BUILD_SERVICE_DOWN, BUILD_SERVICE_UNREACHABLE_NOTE, STATUS_TABLE, Status, statusName } from '../contract/status.js';
import { HintedError } from '../shared/errors.js';
import { redactText } from '../shared/redact.js';

export interface IgniteErrorInit {
  code: Status;
  details: string;
  operation: string;
  /** The RPC's service, so build-service outages get their own message. */
  service?: string;
  cause?: unknown;
}

export class IgniteError extends HintedError {
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

  get tag(): string {
    return this.codeName;
  }

  /** The status table's columns for this failure. */
  get outcomeUnknown(): boolean {
    return STATUS_TABLE[this.code]?.outcomeUnknown ?? false;
  }

  get resumable(): boolean {
    return STATUS_TABLE[this.code]?.resumable ?? false;
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
  const scrub = (text: string) => redactText(text, options.secrets);
  if (isServiceError(err)) {
    err.details = scrub(err.details);
    err.message = scrub(err.message);
    if (err.stack) err.stack = scrub(err.stack);
    return new IgniteError({ code: err.code, details: err.details, operation, service: options.service, cause: err });
  }
  const details = err instanceof Error ? scrub(err.message) : 'unexpected failure';
  return new IgniteError({ code: Status.UNKNOWN, details, operation, service: options.service, cause: err });
}

/** For a signal that was already aborted: the call is never started. */
export function cancelledByCaller(target: { service: string; method: string }): IgniteError {
  return new IgniteError({ code: Status.CANCELLED, details: 'cancelled by the caller', operation: target.method, service: target.service });
}
