/**
 * What every RPC wrapper (unary.ts, streams.ts) shares: the channel, per-call metadata, deadlines,
 * and the single exit through which failures leave the client as IgniteErrors.
 */
import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { Logger } from '../shared/log.js';
import type { RetryPolicy } from './retry.js';
import { IgniteError, toIgniteError } from './ignite-error.js';

/** Per-call options accepted by every client method. */
export interface CallOptions {
  /** Aborting cancels the call; the promise or iterator rejects with a CANCELLED IgniteError. */
  signal?: AbortSignal;
  /**
   * Overrides the client's default deadline (unary) or sets one (streams have none by default).
   * For a retried read it bounds all attempts and the pauses between them together.
   */
  deadlineMs?: number;
}

/** The gRPC channel and what every call on it shares: metadata, default deadline, retry policy, secrets, logger. */
export interface RpcChannel {
  client: grpc.Client;
  /** Fresh metadata per call, because grpc-js may keep a reference to what it was given. */
  metadata(): grpc.Metadata;
  defaultDeadlineMs: number;
  /** Applies to the methods retry.ts marks safe to repeat. */
  retry: RetryPolicy;
  secrets: readonly string[];
  logger: Logger;
}

// Callers build the input type; the loader hands back the `__Output` type (defaults filled, longs as strings).
export type AnyMethod = MethodDefinition<any, any, any, any>;
export type RequestOf<M> = M extends MethodDefinition<infer Req, any, any, any> ? Req : never;
export type ResponseOf<M> = M extends MethodDefinition<any, any, any, infer ResOut> ? ResOut : never;

export interface RpcTarget {
  service: string;
  method: string;
}

/** `/dodil.ignite.v1.BuildService/CreateBuild` → BuildService, CreateBuild. */
export function describeMethod(path: string): RpcTarget {
  const [qualified = '', method = path] = path.replace(/^\//, '').split('/');
  return { service: qualified.slice(qualified.lastIndexOf('.') + 1), method };
}

export function isUsableDeadline(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
}

/** A deadline of `ms` from now, or none when `ms` is not a positive finite number. */
export function grpcCallOptions(ms: number | undefined): grpc.CallOptions {
  return isUsableDeadline(ms) ? { deadline: new Date(Date.now() + ms) } : {};
}

export function failure(err: unknown, target: RpcTarget, channel: RpcChannel, startedAt: number): IgniteError {
  const error = toIgniteError(err, target.method, { secrets: channel.secrets, service: target.service });
  channel.logger.debug(`${target.service}/${target.method} failed`, {
    code: error.codeName,
    ms: Date.now() - startedAt,
    details: error.details,
  });
  return error;
}

/** For a signal that was already aborted: the call is never started. */
export function cancelledByCaller(target: RpcTarget): IgniteError {
  return new IgniteError({
    code: grpc.status.CANCELLED,
    details: 'cancelled by the caller',
    operation: target.method,
    service: target.service,
  });
}

export function logSuccess(target: RpcTarget, channel: RpcChannel, startedAt: number): void {
  channel.logger.debug(`${target.service}/${target.method} ok`, { ms: Date.now() - startedAt });
}
