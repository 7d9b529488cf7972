/**
 * Fault injection for the local Ignite, so the client's retries, deadlines and log resumption can be
 * proven against a real gRPC server instead of mocks. Every call passes through `intercept` before
 * credentials are checked, as a network or overloaded front end would fail it.
 *
 * What each fault does on the wire:
 * - fail: the call ends at once with the chosen status; the handler never runs.
 * - cut: a server stream sends `afterMessages` messages, then the next write ends the call with
 *   UNAVAILABLE and the handler sees 'cancelled', as when a connection drops mid-stream. Other
 *   kinds of call are not affected and do not use up the rule.
 * - latency: the handler runs `ms` later; if the client gave up meanwhile it does not run at all.
 * - drop: the call is never answered, for unary and streaming calls alike, until the client's
 *   deadline or cancellation ends it: a hung upstream. (Resetting the HTTP/2 stream would need
 *   grpc-js internals, and the client would see INTERNAL rather than a hang.)
 */
import * as grpc from '@grpc/grpc-js';
import { IGNITE_METHODS } from '../../contract/methods.js';
import { RpcError } from '../rpc/errors.js';

interface RuleBase {
  /** A method name such as "GetBuild", or "*" for every method. */
  method: string;
  /** How many calls the rule applies to; omitted, it applies to every call until cleared. */
  times?: number;
}
export type FaultRule = RuleBase &
  (
    | { fault: 'fail'; code: grpc.status; message?: string }
    | { fault: 'cut'; afterMessages: number }
    | { fault: 'latency'; ms: number }
    | { fault: 'drop' }
  );

/** One incoming call as the server's guard sees it. */
export interface InterceptedCall {
  method: string;
  serverStreaming: boolean;
  call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;
  /** Ends the call with a status. */
  respond(err: Partial<grpc.StatusObject> & Error): void;
  /** Runs the real handler. */
  run(): void;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly seen = new Map<string, number>();
  // Calls that are dropped or delayed: ended with UNAVAILABLE when the server closes, so shutdown never waits on them.
  private readonly held = new Set<() => void>();

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule after the existing ones; the returned function removes it. */
  add(rule: FaultRule): () => void {
    if (rule.method !== '*' && !IGNITE_METHODS.has(rule.method)) {
      throw new Error(`fault rule for unknown method "${rule.method}" (use a method name such as GetBuild, or "*")`);
    }
    const active = { rule: { ...rule }, remaining: rule.times ?? Infinity };
    this.rules.push(active);
    return () => void (this.rules = this.rules.filter((entry) => entry !== active));
  }

  failNext(method: string, times: number, code: grpc.status, message?: string): () => void {
    return this.add({ method, fault: 'fail', code, times, ...(message === undefined ? {} : { message }) });
  }

  cutStreams(method: string, afterMessages: number, times?: number): () => void {
    return this.add({ method, fault: 'cut', afterMessages, ...(times === undefined ? {} : { times }) });
  }

  delay(method: string, ms: number, times?: number): () => void {
    return this.add({ method, fault: 'latency', ms, ...(times === undefined ? {} : { times }) });
  }

  drop(method: string, times?: number): () => void {
    return this.add({ method, fault: 'drop', ...(times === undefined ? {} : { times }) });
  }

  /** Removes every rule and forgets the call counts; calls already held stay held. */
  clear(): void {
    this.rules = [];
    this.seen.clear();
  }

  /** Calls that arrived for `method` (or for all methods), faulted or not, since the last clear(). */
  calls(method = '*'): number {
    if (method !== '*') return this.seen.get(method) ?? 0;
    let total = 0;
    for (const count of this.seen.values()) total += count;
    return total;
  }

  /** Ends every held call with UNAVAILABLE. */
  release(): void {
    for (const end of [...this.held]) end();
  }

  intercept(incoming: InterceptedCall): void {
    const { method, call, respond, serverStreaming } = incoming;
    this.seen.set(method, (this.seen.get(method) ?? 0) + 1);
    let delayMs = 0;
    let outcome: FaultRule | undefined;
    let cutAfter: number | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0 || (rule.method !== '*' && rule.method !== method)) continue;
      if (rule.fault === 'latency') delayMs += rule.ms;
      else if (rule.fault === 'cut') {
        if (!serverStreaming || cutAfter !== undefined) continue;
        cutAfter = rule.afterMessages;
      } else if (outcome) continue;
      else outcome = rule;
      active.remaining--;
    }
    this.rules = this.rules.filter((active) => active.remaining > 0);

    const proceed = () => {
      if (outcome?.fault === 'fail')
        respond(new RpcError(outcome.code, outcome.message ?? `injected fault: ${grpc.status[outcome.code]}`).toServiceError());
      else if (outcome?.fault === 'drop') this.hold(call, respond);
      else {
        if (cutAfter !== undefined) cutStreamAfter(call as grpc.ServerWritableStream<unknown, unknown>, cutAfter, respond);
        incoming.run();
      }
    };
    if (delayMs > 0) this.hold(call, respond, delayMs, proceed);
    else proceed();
  }

  /** Keeps a call unanswered, for ever or for `delayMs` before `then`. */
  private hold(call: InterceptedCall['call'], respond: InterceptedCall['respond'], delayMs?: number, then?: () => void): void {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      this.held.delete(release);
      clearTimeout(timer);
      call.off('cancelled', done);
    };
    const release = () => {
      done();
      respond(new RpcError(grpc.status.UNAVAILABLE, 'the local Ignite is shutting down').toServiceError());
    };
    this.held.add(release);
    call.on('cancelled', done);
    if (delayMs !== undefined && then) {
      timer = setTimeout(() => {
        done();
        if (!call.cancelled) then();
      }, delayMs);
    }
  }
}

/**
 * Lets `limit` writes through; the next one ends the call with UNAVAILABLE instead, and the handler
 * is told the client is gone so it stops producing.
 */
function cutStreamAfter(call: grpc.ServerWritableStream<unknown, unknown>, limit: number, respond: InterceptedCall['respond']): void {
  let written = 0;
  let cut = false;
  const write = call.write.bind(call);
  const end = call.end.bind(call);
  call.write = ((...args: Parameters<typeof write>) => {
    if (cut) return true;
    if (written < limit) {
      written++;
      return write(...args);
    }
    // grpc-js ends the stream from its own 'error' listener, which must still reach the real end().
    respond(new RpcError(grpc.status.UNAVAILABLE, `connection dropped by fault injection after ${limit} messages`).toServiceError());
    cut = true;
    Object.assign(call, { cancelled: true });
    call.emit('cancelled', 'cut by fault injection');
    return true;
  }) as typeof call.write;
  call.end = ((...args: Parameters<typeof end>) => (cut ? call : end(...args))) as typeof call.end;
}
