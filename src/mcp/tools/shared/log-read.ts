import { z } from 'zod';
import { formatLogLine } from '../../../logs/follow-log.js';
import type { LogWindow } from '../../../logs/log-window.js';

/** The window inputs read_build_logs and read_app_logs share: the same cursor, budget and modes. */
export const logReadInput = {
  mode: z.enum(['head', 'tail', 'errors']).default('head'),
  cursor: z.number().int().min(0).default(0).describe('Read after this sequence number'),
  max_lines: z.number().int().min(1).max(2000).default(200),
  max_bytes: z
    .number()
    .int()
    .min(256)
    .max(512 * 1024)
    .default(32 * 1024),
};

const line = { seq: z.number().int(), text: z.string() };

/** The window fields both log tools return; `lineShape` adds what a line of that log carries. */
export function logReadOutput<Extra extends z.ZodRawShape>(lineShape: Extra) {
  return {
    lines: z.array(z.object({ ...line, ...lineShape })),
    next_cursor: z.number().int(),
    omitted_lines: z.number().int(),
    complete: z.boolean(),
    first_error: z.object(line).nullable(),
  };
}

/** The structured window fields, named as logReadOutput declares them. */
export function windowFields(window: Omit<LogWindow, 'build'>) {
  return {
    lines: window.lines,
    next_cursor: window.nextCursor,
    last_seq: window.lastSeq,
    omitted_lines: window.omitted,
    complete: window.complete,
    first_error: window.firstError ?? null,
  };
}

/** The window as the model reads it: a header naming the range, one line per entry, and what to do next. */
export function windowText(what: string, window: Omit<LogWindow, 'build'>, next: string): string {
  const header = `${what}: lines ${window.lines[0]?.seq ?? '-'}..${window.lines.at(-1)?.seq ?? '-'} of ${window.lastSeq}, ${window.omitted} omitted`;
  return [header, ...window.lines.map(formatLogLine), next].join('\n');
}
