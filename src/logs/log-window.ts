import { isTerminalBuildStatus } from '../contract/build-status.js';
import type { Build__Output } from '../contract/generated/dodil/ignite/v1/Build.js';
import type { LogLine } from './follow-log.js';
import { readLines, snapshotOf, type LogLineCache, type LogSource } from './log-reader.js';

export type LogReadMode = 'head' | 'tail' | 'errors';

export interface LogWindowRequest {
  buildId: string;
  mode: LogReadMode;
  /** Only lines after this sequence number count (a cursor from an earlier read). */
  afterSeq: number;
  maxLines: number;
  maxBytes: number;
  /** errors mode: lines kept before and after the first error, and at the end. */
  contextLines?: number;
  tailLines?: number;
  signal?: AbortSignal;
  /** Redacted from every line (deps.secrets()); required so no reader forgets them. */
  secrets: readonly string[];
  /** The log hub, whose buffer serves reads of followed builds. */
  cache?: LogLineCache;
}

export interface LogWindow {
  build: Build__Output;
  lines: LogLine[];
  /** Pass back as `afterSeq` to read on without re-reading. */
  nextCursor: number;
  /** The last persisted line when the read started. */
  lastSeq: number;
  /** Lines in (afterSeq, lastSeq] that this window does not show. */
  omitted: number;
  /** True when nothing after `nextCursor` exists and the build has ended. */
  complete: boolean;
  firstError?: { seq: number; text: string };
}

const ERROR_LINE = /(^|[^\w-])(error|errors?:|failed|failure|fatal|panic|exception|traceback|denied|not found)([^\w-]|$)|npm ERR!|^E: /i;
// Step lines (Docker's classic "Step 3/9 :", podman's "STEP 3/9:", BuildKit's "#5 [2/4] RUN") echo the
// Dockerfile, not an outcome: "RUN ./check || echo failed" is a step, and its failure comes later.
const NOT_AN_ERROR = /\b(0|no) (errors|failures)\b|^\s*Step \d+\/\d+ ?:|^#\d+ \[[^\]]*\d+\/\d+\] /i;

export function isErrorLine(text: string): boolean {
  return ERROR_LINE.test(text) && !NOT_AN_ERROR.test(text);
}

/** A budgeted window of a build's log: the model sees what matters and is told what it does not see. */
export async function readLogWindow(source: LogSource, request: LogWindowRequest): Promise<LogWindow> {
  const { build, lastSeq } = await snapshotOf(source, request.buildId, request.signal);
  const ended = isTerminalBuildStatus(build.status);
  const readOptions = { signal: request.signal, secrets: request.secrets, cache: request.cache, buildEnded: ended };
  const afterSeq = Math.min(Math.max(0, request.afterSeq), lastSeq);
  const available = lastSeq - afterSeq;
  const finish = (lines: LogLine[], nextCursor: number, firstError?: { seq: number; text: string }): LogWindow => ({
    build,
    lines,
    nextCursor,
    lastSeq,
    omitted: available - lines.length,
    complete: ended && nextCursor >= lastSeq,
    ...(firstError ? { firstError } : {}),
  });

  if (request.mode === 'head') {
    const lines: LogLine[] = [];
    let bytes = 0;
    for await (const line of readLines(source, request.buildId, afterSeq, lastSeq, readOptions)) {
      bytes += lineBytes(line);
      if (lines.length >= request.maxLines || (bytes > request.maxBytes && lines.length > 0)) break;
      lines.push(line);
    }
    return finish(lines, lines.at(-1)?.seq ?? afterSeq);
  }

  if (request.mode === 'tail') {
    const start = Math.max(afterSeq, lastSeq - request.maxLines);
    const lines: LogLine[] = [];
    for await (const line of readLines(source, request.buildId, start, lastSeq, readOptions)) lines.push(line);
    return finish(trimToBytes(lines, request.maxBytes), lastSeq);
  }

  const context = request.contextLines ?? 5;
  const tailSize = request.tailLines ?? 20;
  const before: LogLine[] = [];
  const around: LogLine[] = [];
  const tail: LogLine[] = [];
  let firstError: LogLine | undefined;
  for await (const line of readLines(source, request.buildId, afterSeq, lastSeq, readOptions)) {
    if (!firstError) {
      if (isErrorLine(line.text)) {
        firstError = line;
        around.push(...before, line);
      } else {
        before.push(line);
        if (before.length > context) before.shift();
      }
    } else if (around.length < before.length + 1 + context && line.seq - firstError.seq <= context) {
      around.push(line);
    }
    tail.push(line);
    if (tail.length > tailSize) tail.shift();
  }
  // The error and its context matter more than the tail, so the tail gives way first.
  const keptAround = keepFromStart(around, request.maxBytes, request.maxLines);
  const aroundBytes = keptAround.reduce((sum, line) => sum + lineBytes(line), 0);
  const seen = new Set(keptAround.map((line) => line.seq));
  const keptTail = trimToBytes(
    tail.filter((line) => !seen.has(line.seq)),
    request.maxBytes - aroundBytes,
  ).slice(-Math.max(0, request.maxLines - keptAround.length));
  const fits = keptTail.reduce((sum, line) => sum + lineBytes(line), 0) <= request.maxBytes - aroundBytes;
  const lines = [...keptAround, ...(fits ? keptTail : [])].sort((a, b) => a.seq - b.seq);
  return finish(lines, lastSeq, firstError ? { seq: firstError.seq, text: firstError.text } : undefined);
}

/** Bytes a line costs in a result: its text plus the sequence number and separators. */
function lineBytes(line: LogLine): number {
  return Buffer.byteLength(line.text) + 16;
}

/** Drops lines from the front until the window fits; the newest lines matter most. */
function trimToBytes(lines: LogLine[], maxBytes: number): LogLine[] {
  let bytes = lines.reduce((sum, line) => sum + lineBytes(line), 0);
  let start = 0;
  while (bytes > maxBytes && start < lines.length - 1) {
    bytes -= lineBytes(lines[start]!);
    start++;
  }
  return start === 0 ? lines : lines.slice(start);
}

/** Keeps lines from the start while they fit; the first line is always kept. */
function keepFromStart(lines: LogLine[], maxBytes: number, maxLines: number): LogLine[] {
  const kept: LogLine[] = [];
  let bytes = 0;
  for (const line of lines) {
    bytes += lineBytes(line);
    if (kept.length > 0 && (bytes > maxBytes || kept.length >= maxLines)) break;
    kept.push(line);
  }
  return kept;
}
