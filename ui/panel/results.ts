/**
 * Reading tool results without trusting their shape: the panel renders what the server sent, and
 * a field missing or of another type shows as empty instead of breaking the view.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export type Json = Record<string, unknown>;

export const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const isObj = (value: unknown): boolean => Boolean(value && typeof value === 'object' && !Array.isArray(value));

/** The text of a result's first text item: what a tool says, failures included. */
export function textOf(result: CallToolResult): string {
  for (const item of result.content ?? []) if (item.type === 'text') return item.text;
  return '';
}

/** The structured content of a successful call; a failed one throws its text. */
export function structuredOf(result: CallToolResult): Json {
  if (result.isError) throw new Error(textOf(result) || 'the tool failed');
  return obj(result.structuredContent);
}

export interface Build {
  build_id: string;
  name: string;
  status: string;
  terminal: boolean;
  image_refs: string[];
  image_digest: string;
  error: string;
  created_at: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  last_log_seq: number;
  steps_not_executed: string[];
}

export function buildOf(value: unknown): Build {
  const build = obj(value);
  return {
    build_id: str(build.build_id),
    name: str(build.name),
    status: str(build.status) || 'PENDING',
    terminal: build.terminal === true,
    image_refs: list(build.image_refs).map(str),
    image_digest: str(build.image_digest),
    error: str(build.error),
    created_at: str(build.created_at),
    started_at: str(build.started_at),
    finished_at: str(build.finished_at),
    duration_ms: num(build.duration_ms),
    last_log_seq: num(build.last_log_seq),
    steps_not_executed: list(build.steps_not_executed).map(str),
  };
}

export interface Failure {
  line: string;
  seq: number;
  from: number;
  to: number;
}

/** get_build's failure summary: the first error line, its sequence number and the log range around it. */
export function failureOf(value: unknown): Failure | undefined {
  if (!isObj(value)) return undefined;
  const failure = obj(value);
  const range = obj(failure.log_range);
  return { line: str(failure.first_error_line), seq: num(failure.first_error_seq), from: num(range.from_seq), to: num(range.to_seq) };
}

/** What the panel shows of a tool result: which build to follow and which app to show. */
export interface Subject {
  buildId: string;
  build?: Build;
  failure?: Failure;
  appName: string;
  organization: string;
}

/**
 * Finds the subject in a result of any linked tool, by its shape rather than the tool's name (a
 * host need not say which tool it was): create_build and get_build carry `build`, save_image_draft
 * a draft with a build_id, the app tools an app name (from the result or the call's arguments).
 */
export function subjectOf(structured: Json, args: Json): Subject {
  const draft = obj(structured.draft);
  const building = !str(draft.image_ref) && str(draft.build_id);
  const build = isObj(structured.build) ? buildOf(structured.build) : undefined;
  return {
    buildId: str(structured.build_id) || build?.build_id || building || str(args.build_id),
    build,
    failure: failureOf(structured.failure),
    appName: str(structured.app_name) || str(obj(structured.app).name) || str(args.app_name),
    organization: str(args.organization_name),
  };
}
