/**
 * The declarative form of fault rules for `ignite-mcp local` (IGNITE_LOCAL_FAULTS or --faults
 * <file>): a JSON array of rules, validated once at start-up so a typo fails loudly instead of
 * silently injecting nothing.
 */
import * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import { IGNITE_METHODS } from '../../contract/methods.js';
import type { FaultRule } from './injector.js';

// OK is no fault: a unary call "failed" with OK would reach the client as a response-less success.
const STATUS_NAMES = Object.keys(grpc.status).filter((key) => Number.isNaN(Number(key)) && key !== 'OK');

const statusCode = z.union(
  [
    z
      .string()
      .refine((name) => STATUS_NAMES.includes(name))
      .transform((name) => grpc.status[name as keyof typeof grpc.status]),
    z.number().int().min(1).max(16),
  ],
  { error: `expected a gRPC status name (${STATUS_NAMES.join(', ')}) or its number` },
);

const base = {
  method: z.string().refine((name) => name === '*' || IGNITE_METHODS.has(name), {
    message: 'expected an Ignite method name such as "GetBuild" or "StreamBuildLogs", or "*"',
  }),
  times: z.number().int().positive().optional(),
};

const ruleSchema = z.discriminatedUnion('fault', [
  z.strictObject({ ...base, fault: z.literal('fail'), code: statusCode, message: z.string().max(2000).optional() }),
  z.strictObject({ ...base, fault: z.literal('cut'), afterMessages: z.number().int().min(0) }),
  z.strictObject({ ...base, fault: z.literal('latency'), ms: z.number().int().min(0).max(3_600_000) }),
  z.strictObject({ ...base, fault: z.literal('drop') }),
]);

export const FAULT_CONFIG_EXAMPLE =
  '[{"method":"GetBuild","fault":"fail","code":"UNAVAILABLE","times":2},{"method":"StreamBuildLogs","fault":"cut","afterMessages":5}]';

/** Parses and validates fault rules; `source` names where they came from in the error. */
export function parseFaultConfig(text: string, source: string): FaultRule[] {
  const hint = `Give a JSON array of rules, each {"method": "<Method>" or "*", "fault": "fail" | "cut" | "latency" | "drop", ...}, e.g. ${FAULT_CONFIG_EXAMPLE}; see ignite-mcp --help.`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${source} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, hint, { code: 'CONFIG' });
  }
  const parsed = z.array(ruleSchema).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${['rules', ...issue.path].join('.').replace(/\.(\d+)/g, '[$1]')}: ${issue.message}`,
    );
    throw new UserError(`${source} is not a valid fault configuration: ${problems.join('; ')}`, hint, { code: 'CONFIG' });
  }
  return parsed.data as FaultRule[];
}
