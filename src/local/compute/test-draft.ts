import type * as grpc from '@grpc/grpc-js';
import type { TestDraftRequest__Output } from '../../contract/generated/dodil/ignite/v1/TestDraftRequest.js';
import type { TestDraftResponse } from '../../contract/generated/dodil/ignite/v1/TestDraftResponse.js';
import { responseHeaders } from '../runner/http-forward.js';
import { openExchange } from './app-call.js';
import { scopeOf, type ComputeParts } from './parts.js';
import { containerPortFor, exchangeFor } from './http-envelope.js';
import { draftRunTarget } from './run-targets.js';

/**
 * TestDraft answers in one message, so the body it returns is capped at 1 MiB (our limit); a
 * longer body is cut there and the response says so in `x-ignite-body-truncated: <full length>`.
 */
export const TEST_DRAFT_BODY_CAP = 1024 * 1024;

/** Runs the draft's image (reusing its process while the draft and app config are unchanged) and calls it over HTTP. */
export async function testDraft(
  compute: ComputeParts,
  call: grpc.ServerUnaryCall<TestDraftRequest__Output, TestDraftResponse>,
): Promise<TestDraftResponse> {
  const { org } = scopeOf(compute, call, call.request.organization_name);
  const app = compute.apps.require(org, call.request.app_name);
  const { target, draft } = await draftRunTarget(compute, app, compute.drafts.require(org, app.name));
  const containerPort = containerPortFor(app, call.request.port);
  const exchange = exchangeFor(app, call.request.http, call.request.body);
  const process = await compute.runner.ensure(target);

  const cancelled = new AbortController();
  call.on('cancelled', () => cancelled.abort());
  const started = Date.now();
  const open = await openExchange(compute, app, process, containerPort, exchange, cancelled.signal);
  const chunks: Buffer[] = [];
  let total = 0;
  let error = '';
  try {
    for await (const data of open.response as AsyncIterable<Buffer>) {
      const room = TEST_DRAFT_BODY_CAP - Math.min(total, TEST_DRAFT_BODY_CAP);
      if (room > 0) chunks.push(data.subarray(0, room));
      total += data.length;
    }
  } catch (err) {
    error = open.timedOut() ? `timed out after ${open.timeoutMs} ms` : (err as Error).message;
  } finally {
    open.finish();
    open.response.destroy();
  }
  const status_code = open.response.statusCode ?? 0;
  // Passing means exactly this digest answered 2xx with its whole body; PublishDraft reports it.
  compute.drafts.recordTest(draft, {
    image_digest: target.image.digest,
    status_code,
    passed: status_code >= 200 && status_code < 300 && !error,
    tested_at_ms: Date.now(),
    execution_id: exchange.executionId,
  });
  const headers = responseHeaders(open.response);
  if (total > TEST_DRAFT_BODY_CAP) headers['x-ignite-body-truncated'] = String(total);
  // The unary answer has no trailer, so a body that broke off is flagged in a header instead.
  if (error) headers['x-ignite-body-error'] = error;
  return {
    status_code,
    headers,
    body: Buffer.concat(chunks),
    latency_ms: String(Date.now() - started),
    execution_id: exchange.executionId,
    image_ref: draft.image_ref,
  };
}
