import { z } from 'zod';
import type { Build__Output } from '../../../contract/generated/dodil/ignite/v1/Build.js';
import { buildLogsUri, buildUri } from '../../resources/build-uris.js';
import { isTerminalBuildStatus, shortBuildStatus } from '../../../contract/build-status.js';
import { redactText } from '../../../shared/redact.js';

/** A build as tools and resources show it: short status names, times as ISO strings, links. */
export const buildShape = {
  build_id: z.string(),
  name: z.string(),
  status: z.string().describe('PENDING, RUNNING, SUCCEEDED, FAILED or CANCELLED'),
  terminal: z.boolean().describe('The build has ended'),
  image_refs: z.array(z.string()),
  image_digest: z.string(),
  error: z.string(),
  source: z.string(),
  tags: z.array(z.string()),
  dockerfile: z.string(),
  created_at: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  last_log_seq: z.number().int(),
  steps_not_executed: z.array(z.string()).describe('Steps not run: their effects are missing'),
  resource_uri: z.string(),
  logs_uri: z.string(),
};
export type BuildSummary = z.output<z.ZodObject<typeof buildShape>>;

/**
 * What get_build declares of a build: the fields a next step depends on. Every result carries the
 * whole record; tools/list does not spell all of it out (docs/mcp-sdk.md G13).
 */
export const buildOutput = z.looseObject({
  status: z.string(),
  terminal: z.boolean(),
  image_refs: z.array(z.string()),
  steps_not_executed: z.array(z.string()),
});

/** The same record where another tool returns it: spelled out once, in get_build. */
export const buildBrief = z
  .looseObject({ build_id: z.string(), status: z.string(), terminal: z.boolean() })
  .describe("As get_build's build");

const isoOrNull = (ms: string) => (Number(ms) > 0 ? new Date(Number(ms)).toISOString() : null);

export { shortBuildStatus };

export function summarizeBuild(build: Build__Output): BuildSummary {
  const started = Number(build.started_at_ms);
  const finished = Number(build.finished_at_ms);
  return {
    build_id: build.build_id,
    name: build.name,
    status: shortBuildStatus(build.status),
    terminal: isTerminalBuildStatus(build.status),
    image_refs: build.image_refs,
    image_digest: build.image_digest,
    // Dockerfile text and build errors echo step arguments, as log lines do.
    error: redactText(build.error),
    source: build.source,
    tags: build.tags,
    dockerfile: build.dockerfile,
    created_at: isoOrNull(build.created_at_ms),
    started_at: isoOrNull(build.started_at_ms),
    finished_at: isoOrNull(build.finished_at_ms),
    duration_ms: started > 0 && finished >= started ? finished - started : null,
    last_log_seq: Number(build.last_log_seq),
    steps_not_executed: build.steps_not_executed.map((step) => redactText(step)),
    resource_uri: buildUri(build.build_id),
    logs_uri: buildLogsUri(build.build_id),
  };
}

/** One line for the text part of a result. */
export function describeBuildLine(build: BuildSummary): string {
  const image = build.image_refs[0] ? ` image ${build.image_refs[0]}` : '';
  const error = build.error ? ` error: ${build.error}` : '';
  return `build ${build.build_id} (${build.name}) ${build.status}${image}${error}`;
}
