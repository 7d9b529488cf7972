import { z } from 'zod';

type Json = { [key: string]: unknown };

/** What z.number().int() adds on its own (docs/mcp-sdk.md §1): JavaScript's safe range, not a bound of ours. */
const SAFE_BOUND = Number.MAX_SAFE_INTEGER;

/**
 * A tool's input or output shape as tools/list advertises it: the zod object the SDK parses and
 * validates with, whose JSON Schema is zod's own conversion made compact (docs/mcp-sdk.md G13).
 * Clients pay for every byte of tools/list at each turn, so what carries no meaning goes:
 * - `$schema`: without it MCP's default dialect (2020-12) applies, and every keyword we emit
 *   means the same there as in draft-07 (a test keeps it to those keywords);
 * - the ±(2^53−1) bounds zod puts on every integer;
 * - in output schemas, `additionalProperties: false`: a client holding a cached schema must
 *   still accept the fields a newer server adds.
 * Input schemas keep every type, bound, pattern and enum.
 */
export function wireObject(shape: z.ZodRawShape, io: 'input' | 'output'): z.ZodObject {
  const object = z.object(shape);
  let json: Json | undefined;
  // zod's documented override hook; a fresh copy each time, since zod rewrites the object it gets.
  object._zod.toJSONSchema = () => {
    json ??= compact(z.toJSONSchema(z.object(shape), { target: 'draft-7', io }) as Json, io);
    // zod writes `$schema` for the target after the override; an undefined value is dropped when it serialises.
    return { ...structuredClone(json), $schema: undefined };
  };
  return object;
}

function compact(node: unknown, io: 'input' | 'output'): Json {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '$schema') continue;
      if ((key === 'minimum' || key === 'maximum') && Math.abs(child as number) === SAFE_BOUND) continue;
      if ((key === 'additionalProperties' || key === 'properties') && isEmptySchema(child)) continue;
      // Property names are strings anyway; only a constrained name schema says something.
      if (key === 'propertyNames' && JSON.stringify(child) === '{"type":"string"}') continue;
      if (key === 'additionalProperties' && child === false && io === 'output') continue;
      out[key] = walk(child);
    }
    return foldTypeUnion(out);
  };
  return walk(node) as Json;
}

/** `{}` as `additionalProperties` allows anything, as its absence does (a loose object emits it); as `properties`, it names none. */
function isEmptySchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * A union with null written as a type list: `anyOf: [{type: "integer"}, {type: "null"}]` becomes
 * `type: ["integer", "null"]`, as zod itself writes bare types, and a nullable object keeps its
 * properties beside `type: ["object", "null"]` (object keywords do not apply to null). A branch
 * with enum, const or a combinator would constrain null too, so it stays a union.
 */
function foldTypeUnion(schema: Json): Json {
  const { anyOf, ...rest } = schema;
  if (!Array.isArray(anyOf) || anyOf.length !== 2 || 'type' in rest) return schema;
  const [first, second] = anyOf as Json[];
  const [branch, nullBranch] = second?.type === 'null' ? [first, second] : [second, first];
  if (!branch || JSON.stringify(nullBranch) !== '{"type":"null"}' || typeof branch.type !== 'string') return schema;
  if (['enum', 'const', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'].some((key) => key in branch)) return schema;
  return { ...branch, type: [branch.type, 'null'], ...rest };
}
