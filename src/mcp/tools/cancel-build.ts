import { z } from 'zod';
import { buildBrief, describeBuildLine, summarizeBuild } from './shared/build-summary.js';
import { defineTool } from './define-tool.js';
import { buildIdInput } from './shared/schemas.js';

export const cancelBuildTool = defineTool({
  name: 'cancel_build',
  title: 'Cancel a build',
  description: `Stops a pending or running build; its status becomes CANCELLED. A build that already ended cannot be cancelled (the error says its status).
Next: create_build to start again, or list_builds.`,
  input: { build_id: buildIdInput },
  output: { build: buildBrief },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  checkAfterUnknownOutcome: ({ build_id }) => `call get_build for "${build_id}" to see whether it is CANCELLED`,
  async run({ build_id }, call) {
    const { build } = await call.deps.client.cancelBuild({ build_id }, { signal: call.signal });
    if (!build) throw new Error(`CancelBuild returned no build record for ${build_id}`);
    const summary = summarizeBuild(build);
    return { structured: { build: summary }, text: describeBuildLine(summary) };
  },
});
