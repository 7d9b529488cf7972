import type * as grpc from '@grpc/grpc-js';
import type { InvokeRequest__Output } from '../../contract/generated/dodil/ignite/v1/InvokeRequest.js';
import type { InvokeResponse } from '../../contract/generated/dodil/ignite/v1/InvokeResponse.js';
import { failedPrecondition } from '../rpc/errors.js';
import { serverStream, type StreamWriter } from '../rpc/handlers.js';
import { responseHeaders } from '../runner/http-forward.js';
import { openExchange } from './app-call.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { containerPortFor, exchangeFor } from './http-envelope.js';
import { versionRunTarget } from './run-targets.js';

/** Body frames carry at most this much, so one large chunk from the app never makes one huge message. */
export const MAX_CHUNK_BYTES = 64 * 1024;

type InvokeCall = grpc.ServerWritableStream<InvokeRequest__Output, InvokeResponse>;

/**
 * Invoke: forwards the request to the active version's process over HTTP and streams the answer
 * as head -> chunks -> trailer. The app's HTTP status travels in the head; only failures before
 * a head (no version, cannot start, no answer) are gRPC errors. A body cut short after the head
 * ends the stream with a trailer carrying the error.
 */
export function invokeHandler(compute: ComputeParts): grpc.handleServerStreamingCall<InvokeRequest__Output, InvokeResponse> {
  return serverStream((call, out) => invoke(compute, call, out));
}

async function invoke(compute: ComputeParts, call: InvokeCall, out: StreamWriter<InvokeResponse>): Promise<void> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  if (app.active_version === 0) {
    throw failedPrecondition(
      `app "${app.name}" has no published version; call PublishDraft (after SaveDraft) before Invoke, or use TestDraft to run the draft`,
    );
  }
  const version = compute.versions.get(org, app.name, app.active_version);
  if (!version)
    throw failedPrecondition(`app "${app.name}" names version ${app.active_version} as active, but that version is missing; publish again`);
  const containerPort = containerPortFor(app, call.request.port);
  const exchange = exchangeFor(app, call.request.http, call.request.body);
  const started = Date.now();
  const process = await compute.runner.ensure(versionRunTarget(compute, app, version));

  const cancelled = new AbortController();
  call.on('cancelled', () => cancelled.abort());
  const open = await openExchange(compute, app, process, containerPort, exchange, cancelled.signal);
  const { response } = open;
  let bodyBytes = 0;
  let error = '';
  try {
    await out.send({
      head: {
        status_code: response.statusCode ?? 0,
        headers: responseHeaders(response),
        execution_id: exchange.executionId,
        version: version.version,
      },
    });
    for await (const data of response as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < data.length; offset += MAX_CHUNK_BYTES) {
        const chunk = data.subarray(offset, offset + MAX_CHUNK_BYTES);
        bodyBytes += chunk.length;
        await out.send({ chunk });
      }
    }
  } catch (err) {
    if (call.cancelled) return;
    error = open.timedOut()
      ? `the invocation timed out after ${open.timeoutMs} ms while the body was streaming`
      : `the app's response body broke off: ${(err as Error).message}`;
  } finally {
    open.finish();
    response.destroy();
  }
  if (call.cancelled) return;
  await out.send({ trailer: { body_bytes: String(bodyBytes), duration_ms: String(Date.now() - started), error } });
}
