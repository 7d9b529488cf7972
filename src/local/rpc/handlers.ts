import type * as grpc from '@grpc/grpc-js';

// The two handler styles of the local Ignite. Both are async functions that just throw: the
// server's guard is the one place a rejection becomes a status. (UploadBuildContext, the only
// client stream, is an async function of the same kind that answers through its callback.)

/**
 * A unary handler from an async function. The server's guard turns the returned promise's
 * rejection (an RpcError or anything else) into the call's status, so handlers just throw.
 */
export function unary<Req, Res>(handle: (call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) =>
    Promise.resolve()
      .then(() => handle(call))
      .then((response) => callback(null, response));
}

/** What a server-streaming handler writes through. */
export interface StreamWriter<Res> {
  /** True once the client cancelled or the connection dropped. */
  readonly stopped: boolean;
  /** Resolves when the client goes away, to race against whatever the handler waits for. */
  readonly whenStopped: Promise<void>;
  /**
   * Writes one message and, while gRPC's buffer is full, waits for the client to catch up, so a
   * slow reader holds back the producer instead of the server's memory. Rejects once the client
   * is gone, which unwinds the handler from wherever it is.
   */
  send(message: Res): Promise<void>;
}

class ClientGone extends Error {}

/**
 * A server-streaming handler from an async function. The stream ends with OK when the function
 * returns; its rejection reaches the server's guard, which turns it into the call's status. Once
 * the client is gone there is nobody to answer, so whatever the handler threw then is dropped.
 */
export function serverStream<Req, Res>(
  handle: (call: grpc.ServerWritableStream<Req, Res>, out: StreamWriter<Res>) => Promise<void>,
): grpc.handleServerStreamingCall<Req, Res> {
  return async (call) => {
    let wake: () => void = () => {};
    const whenStopped = new Promise<void>((resolve) => (wake = resolve));
    if (call.cancelled) wake();
    const onCancel = () => wake();
    call.on('cancelled', onCancel);
    const drained = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          call.off('drain', done);
          call.off('cancelled', done);
          resolve();
        };
        call.on('drain', done);
        call.on('cancelled', done);
      });
    const out: StreamWriter<Res> = {
      get stopped() {
        return call.cancelled;
      },
      whenStopped,
      async send(message) {
        if (call.cancelled) throw new ClientGone('the client is gone');
        if (!call.write(message)) await drained();
      },
    };
    try {
      await handle(call, out);
    } catch (err) {
      if (err instanceof ClientGone || call.cancelled) return;
      throw err;
    } finally {
      call.off('cancelled', onCancel);
    }
    if (!call.cancelled) call.end();
  };
}
