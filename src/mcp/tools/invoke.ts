import { z } from 'zod';
import { organizationFor } from './shared/app-summary.js';
import { defineTool } from './define-tool.js';
import { executionLogLinks } from './shared/execution-links.js';
import { noteInvocation } from './shared/invocation-notes.js';
import { describeExchange, encodePayload, httpRequestShape, httpResponseShape, renderBody } from './shared/http-exchange.js';
import { appNameInput, organizationInput } from './shared/schemas.js';

export const invokeTool = defineTool({
  name: 'invoke',
  title: 'Invoke the app',
  description: `Calls the app's published version: an HTTP request (default POST / with the payload as JSON) gets the status, headers, body (cut at max_body_chars) and execution_id. Use it after publish_draft. A 500 from the app is a normal result. Never repeated automatically (side effects).
Next: read the body; to change the app, build again and save_image_draft.`,
  input: { app_name: appNameInput, organization_name: organizationInput, ...httpRequestShape },
  output: { ...httpResponseShape, version: z.number().int() },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ app_name }) => `check the app's own records for the request (the app "${app_name}" may have processed it)`,
  async run(args, call) {
    const organization_name = organizationFor(call, args.organization_name);
    const { body, headers } = encodePayload(args.payload, args.headers);
    const keepBytes = Math.max(args.max_body_chars * 4, 1024);
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    let head: { status_code: number; headers: Record<string, string>; execution_id: string; version: number } | undefined;
    let trailer: { duration_ms: string; error: string } | undefined;
    const stream = call.deps.client.invoke(
      {
        organization_name,
        app_name: args.app_name,
        http: { method: args.method, path: args.path, query: args.query ?? '', headers },
        body,
        port: args.port ?? 0,
      },
      { signal: call.signal },
    );
    for await (const frame of stream) {
      if (frame.head) head = frame.head;
      else if (frame.chunk) {
        total += frame.chunk.byteLength;
        // Only what the model can be shown is kept; the rest is counted, so memory stays bounded.
        if (kept < keepBytes) {
          const piece = frame.chunk.subarray(0, keepBytes - kept);
          chunks.push(Buffer.from(piece));
          kept += piece.byteLength;
        }
      } else if (frame.trailer) trailer = frame.trailer;
    }
    if (!head) throw new Error('the Invoke stream ended without a head frame');
    const rendered = renderBody(Buffer.concat(chunks), total, args.max_body_chars, call.deps.secrets());
    const structured = {
      status_code: head.status_code,
      headers: head.headers,
      ...rendered,
      execution_id: head.execution_id,
      version: head.version,
      duration_ms: Number(trailer?.duration_ms ?? 0),
      stream_error: trailer?.error ?? '',
    };
    noteInvocation(call.deps, args.app_name, {
      kind: 'invoke',
      organization_name,
      status_code: head.status_code,
      execution_id: head.execution_id,
      version: head.version,
      image_ref: '',
      duration_ms: structured.duration_ms,
    });
    const broken = structured.stream_error ? `\nthe body stream broke: ${structured.stream_error}` : '';
    return {
      structured,
      links: executionLogLinks(args.app_name, head.execution_id),
      text: `${args.app_name} v${head.version} (execution ${head.execution_id}): ${describeExchange(head.status_code, total, rendered.body_truncated, rendered.body)}${broken}`,
    };
  },
});
