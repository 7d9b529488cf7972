import type http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { RpcError } from '../rpc/errors.js';
import type { RunningApp } from '../runner/running-app.js';
import { sendToApp } from '../runner/http-forward.js';
import type { AppRecord } from './apps.js';
import type { ComputeParts } from './parts.js';
import type { Exchange } from './http-envelope.js';
import { appliedLimits } from './tiers.js';

/** An HTTP exchange with an app in flight: its response head, and the deadline over the whole exchange. */
export interface OpenExchange {
  response: http.IncomingMessage;
  /** Aborted when the invocation timed out or the caller went away. */
  signal: AbortSignal;
  timedOut(): boolean;
  timeoutMs: number;
  /** Clears the deadline; call when the body has been read. */
  finish(): void;
}

/**
 * Sends an invocation to the app process and waits for its response head. The deadline is the
 * smaller of the app's execution timeout and the server's invocation limit, and covers the body
 * too. Failing before a head: DEADLINE_EXCEEDED on timeout, UNAVAILABLE when the app dropped the
 * connection (transient: the next call starts a fresh process if this one died).
 */
export async function openExchange(
  compute: ComputeParts,
  app: AppRecord,
  process: RunningApp,
  containerPort: number,
  exchange: Exchange,
  cancelled?: AbortSignal,
): Promise<OpenExchange> {
  const timeoutMs = Math.min(
    compute.deps.limits.invokeTimeoutMs,
    appliedLimits(app.resource_tier, app.limit_overrides).timeout_secs * 1000,
  );
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort();
  cancelled?.addEventListener('abort', onCancel, { once: true });
  const done = process.begin();
  const finish = () => {
    clearTimeout(timer);
    cancelled?.removeEventListener('abort', onCancel);
    done();
  };
  const hostPort = process.hostPorts.get(containerPort);
  try {
    if (hostPort === undefined) throw new Error(`no host port for container port ${containerPort}`);
    const response = await sendToApp(hostPort, exchange.request, controller.signal);
    return { response, signal: controller.signal, timedOut: () => timedOut, timeoutMs, finish };
  } catch (err) {
    finish();
    if (timedOut)
      throw new RpcError(
        grpc.status.DEADLINE_EXCEEDED,
        `app "${app.name}" did not answer within ${timeoutMs} ms (execution ${exchange.executionId})`,
      );
    if (cancelled?.aborted) throw new RpcError(grpc.status.CANCELLED, 'the caller cancelled the invocation');
    const state = process.alive ? 'its process is still running' : 'its process has exited';
    throw new RpcError(
      grpc.status.UNAVAILABLE,
      `app "${app.name}" did not answer on port ${containerPort}: ${(err as Error).message}; ${state}. ${process.stderrQuote()}`,
    );
  }
}
