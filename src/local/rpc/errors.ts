import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../shared/log.js';

/** An error the local Ignite answers with: a gRPC status code and a message a person can act on. */
export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toServiceError(): Partial<grpc.StatusObject> & Error {
    return Object.assign(new Error(this.message), { code: this.code, details: this.message });
  }
}

export const invalidArgument = (message: string) => new RpcError(grpc.status.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new RpcError(grpc.status.NOT_FOUND, message);
export const failedPrecondition = (message: string) => new RpcError(grpc.status.FAILED_PRECONDITION, message);
export const alreadyExists = (message: string) => new RpcError(grpc.status.ALREADY_EXISTS, message);
export const permissionDenied = (message: string) => new RpcError(grpc.status.PERMISSION_DENIED, message);
export const resourceExhausted = (message: string) => new RpcError(grpc.status.RESOURCE_EXHAUSTED, message);

/** Turns anything thrown by a handler into a status for the wire; unexpected errors become INTERNAL. */
export function toServiceError(err: unknown, logger: Logger, method: string): Partial<grpc.StatusObject> & Error {
  if (err instanceof RpcError) return err.toServiceError();
  logger.error(`${method} failed unexpectedly`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return new RpcError(grpc.status.INTERNAL, `${method}: internal error in the local Ignite (see its log)`).toServiceError();
}
