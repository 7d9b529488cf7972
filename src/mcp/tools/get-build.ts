import { z } from 'zod';
import { readLogWindow } from '../../logs/log-window.js';
import { redactText } from '../../shared/redact.js';
import { waitForBuildEnd } from '../../logs/wait-for-build.js';
import { buildLogsUri } from '../resources/build-uris.js';
import { buildOutput, describeBuildLine, summarizeBuild, type BuildSummary } from './shared/build-summary.js';
import { draftAppOf } from './shared/draft-builds.js';
import { defineTool, type ToolCall } from './define-tool.js';
import { buildIdInput } from './shared/schemas.js';

/** Longest wait: under the 60 s request timeout most clients use, with room for the reply. */
export const MAX_WAIT_SECONDS = 50;

const failureShape = z.object({
  first_error_line: z.string(),
  first_error_seq: z.number().int(),
  log_range: z.object({ from_seq: z.number().int(), to_seq: z.number().int() }),
  logs_uri: z.string(),
});
const failureOutput = z.looseObject({ first_error_line: z.string(), logs_uri: z.string() }).nullable();

export const getBuildTool = defineTool({
  name: 'get_build',
  title: 'Get a build',
  description: `A build's status, image refs, error and timings; a failed one carries its first error line and log range. Use it after create_build or a save_image_draft that builds; wait_seconds (up to ${MAX_WAIT_SECONDS}) returns when it ends.
Next: what next_step says: get_build again until terminal, then save_image_draft with the build_id (test_draft if save_image_draft started it).`,
  input: {
    build_id: buildIdInput,
    wait_seconds: z.number().int().min(0).max(MAX_WAIT_SECONDS).default(0),
  },
  output: {
    build: buildOutput,
    failure: failureOutput,
    next_step: z.string(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run({ build_id, wait_seconds }, call) {
    const started = Date.now();
    let build = summarizeBuild(await fetchBuild(call, build_id));
    if (!build.terminal && wait_seconds > 0) {
      let lines = 0;
      await waitForBuildEnd(call.deps.logs, build_id, {
        afterSeq: build.last_log_seq,
        timeoutMs: wait_seconds * 1000,
        signal: call.signal,
        onLine: (line) => {
          lines++;
          void call.progress(lines, undefined, line.text.slice(0, 200));
        },
      });
      build = summarizeBuild(await fetchBuild(call, build_id));
    }
    const failure = build.status === 'FAILED' ? await summarizeFailure(call, build) : null;
    const next_step = nextStep(build, draftAppOf(call.deps, build_id));
    const failureText = failure ? `\nfirst error (line ${failure.first_error_seq}): ${failure.first_error_line}` : '';
    return {
      structured: { build, waited_ms: Date.now() - started, failure, next_step },
      text: `${describeBuildLine(build)}${failureText}${describeStepsNotExecuted(build)}\nnext: ${next_step}`,
    };
  },
});

async function fetchBuild(call: ToolCall, buildId: string) {
  const { build } = await call.deps.client.getBuild({ build_id: buildId }, { signal: call.signal });
  if (!build) throw new Error(`GetBuild returned no build record for ${buildId}`);
  return build;
}

async function summarizeFailure(call: ToolCall, build: BuildSummary): Promise<z.output<typeof failureShape>> {
  const window = await readLogWindow(call.deps.client, {
    cache: call.deps.logs,
    buildId: build.build_id,
    mode: 'errors',
    afterSeq: 0,
    maxLines: 40,
    maxBytes: 8 * 1024,
    contextLines: 5,
    tailLines: 5,
    signal: call.signal,
    secrets: call.deps.secrets(),
  });
  const error = window.firstError ?? (window.lines.at(-1) ? { seq: window.lines.at(-1)!.seq, text: window.lines.at(-1)!.text } : undefined);
  if (!error)
    return {
      first_error_line: redactText(build.error, call.deps.secrets()),
      first_error_seq: 0,
      log_range: { from_seq: 0, to_seq: 0 },
      logs_uri: buildLogsUri(build.build_id),
    };
  const from = Math.max(1, error.seq - 5);
  return {
    first_error_line: error.text,
    first_error_seq: error.seq,
    log_range: { from_seq: from, to_seq: Math.min(window.lastSeq, error.seq + 5) },
    logs_uri: buildLogsUri(build.build_id, from - 1),
  };
}

function nextStep(build: BuildSummary, draftApp: string | undefined): string {
  switch (build.status) {
    case 'SUCCEEDED':
      if (draftApp) return `test_draft for "${draftApp}": its draft takes this build's image by itself`;
      return `save_image_draft with build_id "${build.build_id}" (image ${build.image_refs[0] ?? 'none'}); if save_image_draft started this build, its draft already has the image: test_draft`;
    case 'FAILED':
      return draftApp
        ? `read_build_logs with mode "errors" for context, fix the cause, then save_image_draft for "${draftApp}" again`
        : 'read_build_logs with mode "errors" for context, fix the cause, then create_build again';
    case 'CANCELLED':
      return 'create_build again when ready';
    default:
      return `get_build with wait_seconds ${MAX_WAIT_SECONDS} until terminal is true`;
  }
}

/**
 * A succeeded build whose RUN steps were skipped looks ready but usually is not: whatever they
 * install or generate (node_modules from `npm install`, compiled files) is missing from the image.
 */
function describeStepsNotExecuted(build: BuildSummary): string {
  const steps = build.steps_not_executed;
  if (steps.length === 0 || build.status !== 'SUCCEEDED') return '';
  const shown = steps.slice(0, 3).join('; ') + (steps.length > 3 ? `; and ${steps.length - 3} more` : '');
  const [was, they, their] = steps.length === 1 ? ['step was', 'it', 'its'] : ['steps were', 'they', 'their'];
  return (
    `\nwarning: ${steps.length} Dockerfile ${was} not executed (${shown}): ` +
    `what ${they} would install or generate is missing from the image, so the app may fail at start (test_draft shows it). ` +
    `Put ${their} output into the build context (and out of .dockerignore) and build again, unless the app needs none of it.`
  );
}
