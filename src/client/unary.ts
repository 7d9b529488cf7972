/** Unary RPCs as promises: always with a deadline, cancellable through an AbortSignal, reads retried. */
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
  type RpcChannel,
} from './rpc-channel.js';
import { isRetriedMethod } from '../contract/methods.js';
import { withRetries } from './retry.js';

export type UnaryCall<M> = (request: RequestOf<M>, options?: CallOptions) => Promise<ResponseOf<M>>;

/**
 * Binds one unary method. A unary call without a deadline can hang forever on a half-open
 * connection, so the client default applies whenever the caller gives no usable one. For methods
 * that are safe to repeat, that deadline is the budget of all attempts together, so retries never
 * make a call outlast what its caller allowed.
 */
export function unaryCall<M extends AnyMethod>(channel: RpcChannel, method: M): UnaryCall<M> {
  const target = describeMethod(method.path);
  const retried = isRetriedMethod(target.method) && channel.retry.maxAttempts > 1;
  return (request, options = {}) => {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelledByCaller(target));
    const deadlineMs = isUsableDeadline(options.deadlineMs) ? options.deadlineMs : channel.defaultDeadlineMs;
    const attempt = (attemptDeadlineMs: number) => callOnce(channel, method, request, attemptDeadlineMs, signal);
    if (!retried) return attempt(deadlineMs);
    return withRetries({ target, policy: channel.retry, budgetMs: deadlineMs, signal, logger: channel.logger }, attempt);
  };
}

function callOnce<M extends AnyMethod>(
  channel: RpcChannel,
  method: M,
  request: RequestOf<M>,
  deadlineMs: number,
  signal: AbortSignal | undefined,
): Promise<ResponseOf<M>> {
  const target = describeMethod(method.path);
  const startedAt = Date.now();
  return new Promise<ResponseOf<M>>((resolve, reject) => {
    let call: grpc.ClientUnaryCall | undefined;
    const onAbort = () => call?.cancel();
    call = channel.client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      channel.metadata(),
      grpcCallOptions(deadlineMs),
      (err: grpc.ServiceError | null, response?: ResponseOf<M>) => {
        signal?.removeEventListener('abort', onAbort);
        if (err || response === undefined) {
          reject(failure(err ?? new Error('the server sent no response'), target, channel, startedAt));
          return;
        }
        logSuccess(target, channel, startedAt);
        resolve(response);
      },
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
