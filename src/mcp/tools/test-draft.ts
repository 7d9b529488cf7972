import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { executionLogLinks } from './shared/execution-links.js';
import { noteInvocation } from './shared/invocation-notes.js';
import { describeExchange, encodePayload, httpRequestShape, httpResponseShape, renderBody } from './shared/http-exchange.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const testDraftTool = defineTool({
  name: 'test_draft',
  title: 'Test the draft',
  description: `Calls the app's draft without publishing it: an HTTP request (default POST / with the payload as JSON) gets the app's status, headers and body (cut at max_body_chars). Use it after save_image_draft. A 500 from the app is a normal result; a tool error means the draft could not run (not built, or unhealthy: the error quotes its output).
Next: publish_draft if the answer is right.`,
  input: { app_name: appNameInput, organization_name: organizationInput, ...httpRequestShape },
  output: httpResponseShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) =>
    `check whether the draft of "${app_name}" processed the request before calling test_draft again`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const { body, headers } = encodePayload(args.payload, args.headers);
    const response = await call.deps.client.testDraft(
      {
        organization_name,
        app_name: args.app_name,
        http: { method: args.method, path: args.path, query: args.query ?? '', headers },
        body,
        port: args.port ?? 0,
      },
      { signal: call.signal },
    );
    noteInvocation(call.deps, args.app_name, {
      kind: 'test_draft',
      organization_name,
      status_code: response.status_code,
      execution_id: response.execution_id,
      version: 0,
      image_ref: response.image_ref,
      duration_ms: Number(response.latency_ms),
    });
    const rendered = renderBody(response.body, response.body.byteLength, args.max_body_chars, call.deps.secrets());
    return {
      structured: {
        status_code: response.status_code,
        headers: response.headers,
        ...rendered,
        execution_id: response.execution_id,
        latency_ms: Number(response.latency_ms),
        image_ref: response.image_ref,
      },
      links: executionLogLinks(args.app_name, response.execution_id),
      text: `draft of ${args.app_name}: ${describeExchange(response.status_code, rendered.body_bytes, rendered.body_truncated, rendered.body)}\nlatency ${response.latency_ms} ms`,
    };
  },
});
