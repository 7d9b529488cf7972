/** Unary RPCs as promises: always with a deadline, cancellable through an AbortSignal. */
import type * as grpc from '@grpc/grpc-js';
import {
  cancelledByCaller,
  describeMethod,
  failure,
  grpcCallOptions,
  isUsableDeadline,
  logSuccess,
  type AnyMethod,
  type CallOptions,
  type RequestOf,
  type ResponseOf,
  type RpcContext,
} from './call-context.js';

export type UnaryCall<M> = (request: RequestOf<M>, options?: CallOptions) => Promise<ResponseOf<M>>;

/**
 * Binds one unary method. A unary call without a deadline can hang forever on a half-open
 * connection, so the client default applies whenever the caller gives no usable one.
 */
export function unaryCall<M extends AnyMethod>(ctx: RpcContext, method: M): UnaryCall<M> {
  const target = describeMethod(method.path);
  return (request, options = {}) => {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelledByCaller(target));
    const deadlineMs = isUsableDeadline(options.deadlineMs) ? options.deadlineMs : ctx.defaultDeadlineMs;
    const startedAt = Date.now();

    return new Promise<ResponseOf<M>>((resolve, reject) => {
      let call: grpc.ClientUnaryCall | undefined;
      const onAbort = () => call?.cancel();
      call = ctx.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        ctx.metadata(),
        grpcCallOptions(deadlineMs),
        (err: grpc.ServiceError | null, response?: ResponseOf<M>) => {
          signal?.removeEventListener('abort', onAbort);
          if (err || response === undefined) {
            reject(failure(err ?? new Error('the server sent no response'), target, ctx, startedAt));
            return;
          }
          logSuccess(target, ctx, startedAt);
          resolve(response);
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}
