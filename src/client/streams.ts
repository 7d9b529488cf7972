/**
 * Streaming RPCs. Server streams become async iterables that read on demand (so a slow consumer
 * slows the server down through HTTP/2 flow control instead of growing a buffer) and cancel the call
 * when the consumer stops early. Client streams honour `write()` backpressure.
 */
import type * as grpc from '@grpc/grpc-js';
import {
  cancelledByCaller,
  describeMethod,
  failure,
  grpcCallOptions,
  logSuccess,
  type AnyMethod,
  type CallOptions,
  type RequestOf,
  type ResponseOf,
  type RpcChannel,
  type RpcTarget,
} from './rpc-channel.js';

export type ServerStreamCall<M> = (request: RequestOf<M>, options?: CallOptions) => AsyncIterable<ResponseOf<M>>;

/** The call starts on the first `next()`, so an iterable that is never iterated costs nothing. */
export function serverStreamCall<M extends AnyMethod>(channel: RpcChannel, method: M): ServerStreamCall<M> {
  const target = describeMethod(method.path);
  return (request, options = {}) => ({
    [Symbol.asyncIterator]: () => readServerStream<M>(channel, method, target, request, options),
  });
}

async function* readServerStream<M extends AnyMethod>(
  channel: RpcChannel,
  method: M,
  target: RpcTarget,
  request: RequestOf<M>,
  { signal, deadlineMs }: CallOptions,
): AsyncGenerator<ResponseOf<M>, void, undefined> {
  if (signal?.aborted) throw cancelledByCaller(target);
  const startedAt = Date.now();
  const call: grpc.ClientReadableStream<ResponseOf<M>> = channel.client.makeServerStreamRequest(
    method.path,
    method.requestSerialize,
    method.responseDeserialize,
    request,
    channel.metadata(),
    grpcCallOptions(deadlineMs),
  );
  let ended = false;
  let failed: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  // The 'error' listener stays for the call's whole life: grpc-js emits CANCELLED after our own
  // cancel(), and an 'error' with no listener would crash the process.
  call.on('readable', notify);
  call.on('end', () => {
    ended = true;
    notify();
  });
  call.on('error', (err: unknown) => {
    failed = err;
    notify();
  });
  const onAbort = () => {
    call.cancel();
    notify();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      if (signal?.aborted) throw cancelledByCaller(target);
      // Messages pushed before an error still come first, so the consumer sees everything the server sent.
      const message = call.read() as ResponseOf<M> | null;
      if (message !== null) {
        yield message;
        continue;
      }
      if (failed !== undefined) throw failure(failed, target, channel, startedAt);
      if (ended) {
        logSuccess(target, channel, startedAt);
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!ended && failed === undefined) call.cancel();
  }
}

/**
 * Writes `messages` in order and resolves with the single response. If `messages` itself throws,
 * the call is cancelled and that error propagates unchanged (it is ours, e.g. a packing failure,
 * not the server's). Messages must not be mutated after they are yielded: grpc-js may still hold
 * them in its write buffer.
 */
export function clientStreamCall<M extends AnyMethod>(
  channel: RpcChannel,
  method: M,
  messages: AsyncIterable<RequestOf<M>> | Iterable<RequestOf<M>>,
  { signal, deadlineMs }: CallOptions = {},
): Promise<ResponseOf<M>> {
  const target = describeMethod(method.path);
  if (signal?.aborted) return Promise.reject(cancelledByCaller(target));
  const startedAt = Date.now();

  return new Promise<ResponseOf<M>>((resolve, reject) => {
    let settled = false;
    let sourceError: { error: unknown } | undefined;
    let drained: (() => void) | undefined;

    const call: grpc.ClientWritableStream<RequestOf<M>> = channel.client.makeClientStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      channel.metadata(),
      grpcCallOptions(deadlineMs),
      (err: grpc.ServiceError | null, response?: ResponseOf<M>) => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        drained?.();
        if (sourceError) reject(sourceError.error);
        else if (err || response === undefined)
          reject(failure(err ?? new Error('the server sent no response'), target, channel, startedAt));
        else {
          logSuccess(target, channel, startedAt);
          resolve(response);
        }
      },
    );
    const onAbort = () => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    call.on('drain', () => drained?.());
    // Failures are reported through the callback above; this only keeps a late stream error from
    // becoming an uncaught exception.
    call.on('error', () => {});

    const pump = async () => {
      try {
        for await (const message of messages) {
          if (settled) return;
          if (!call.write(message)) {
            await new Promise<void>((resume) => {
              drained = resume;
            });
            drained = undefined;
          }
          if (settled) return;
        }
        call.end();
      } catch (error) {
        sourceError = { error };
        call.cancel();
      }
    };
    void pump();
  });
}
