import * as grpc from '@grpc/grpc-js';
import type { CallerPolicy } from './caller.js';
import { RpcError } from './errors.js';

/**
 * The one door every call comes through, as a grpc-js server interceptor: it checks credentials
 * before any handler runs and counts the calls in flight. Being an interceptor, it sees every
 * method the server has, those of added services such as server reflection included, so no
 * service can be reached without the token by forgetting to wrap it; and the count covers unary
 * calls, uploads and log streams alike (the local Ignite is idle only when it is zero).
 */
export class CallGate {
  private inFlight = 0;

  /** `open`: full method paths that answer without credentials (e.g. `/dodil.ignite.v1.ComputeService/HealthCheck`). */
  constructor(
    private readonly callers: CallerPolicy,
    private readonly open: ReadonlySet<string>,
  ) {}

  /** Calls started and not yet ended (answered, failed or cancelled). */
  get callsInFlight(): number {
    return this.inFlight;
  }

  readonly interceptor = (method: grpc.ServerMethodDefinition<unknown, unknown>, call: grpc.ServerInterceptingCallInterface) => {
    this.inFlight++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
    };
    const gated: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, pass) => {
            if (!this.open.has(method.path)) {
              try {
                this.callers.authenticate(metadata);
              } catch (err) {
                const code = err instanceof RpcError ? err.code : grpc.status.UNAUTHENTICATED;
                gated.sendStatus({ code, details: (err as Error).message });
                return;
              }
            }
            pass(metadata);
          },
          onCancel: end,
        }),
      sendStatus: (status, pass) => {
        end();
        pass(status);
      },
    });
    return gated;
  };
}
