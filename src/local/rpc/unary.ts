import type * as grpc from '@grpc/grpc-js';

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
