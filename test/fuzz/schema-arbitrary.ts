import fc from 'fast-check';

/** The subset of draft-7 JSON Schema that zod 4 emits for tool inputs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Values worth trying for a property besides what its schema allows, e.g. real ids and paths. */
export type Pools = Record<string, fc.Arbitrary<unknown> | undefined>;

/** Caps that keep valid-shaped inputs small: depth and breadth come from the hostile generators. */
const MAX_STRING = 64;
const MAX_ITEMS = 4;

/**
 * Arguments that satisfy a tool's advertised input schema, so calls get past validation and deep
 * into the handler. A property with a pool draws from it half the time: random valid strings
 * almost never name a real build or a real folder.
 */
export function validArguments(schema: JsonSchema, pools: Pools = {}): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const optional = Object.keys(properties).filter((name) => !required.includes(name));
  const valueOf = (name: string) => {
    const valid = valueFor(properties[name]!);
    const pool = pools[name];
    return pool ? fc.oneof(valid, pool) : valid;
  };
  // Few optional fields at a time: tools that take one of several sources refuse most combinations.
  return fc.subarray(optional, { maxLength: Math.min(3, optional.length) }).chain((chosen) => {
    const model = Object.fromEntries([...required, ...chosen].map((name) => [name, valueOf(name)]));
    return fc.record(model) as fc.Arbitrary<Record<string, unknown>>;
  });
}

/** A value valid against `schema`. */
export function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueFor(choice, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({
        min: bound(schema.minimum, schema.exclusiveMinimum, 1, -1e6),
        max: bound(schema.maximum, schema.exclusiveMaximum, -1, 1e6),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case 'object':
      return objectFor(schema, depth);
    default:
      // No type (z.any()): any JSON value, nested a little.
      return depth > 2 ? fc.jsonValue({ maxDepth: 1 }) : fc.jsonValue({ maxDepth: 3 });
  }
}

function bound(inclusive: number | undefined, exclusive: number | undefined, step: number, fallback: number): number {
  if (inclusive !== undefined) return Math.max(Math.min(inclusive, 1e9), -1e9);
  if (exclusive !== undefined) return exclusive + step;
  return fallback;
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  if (!schema.pattern) return fc.string({ minLength, maxLength, unit: 'grapheme' });
  return fc
    .stringMatching(new RegExp(schema.pattern), { size: 'small' })
    .filter((value) => value.length >= minLength && value.length <= (schema.maxLength ?? Infinity));
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.properties) {
    const model = Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, valueFor(property, depth + 1)]));
    return fc.record(model, { requiredKeys: schema.required ?? [] });
  }
  // A record (z.record): keys from propertyNames, values from additionalProperties.
  const key = schema.propertyNames
    ? (valueFor({ type: 'string', ...schema.propertyNames }) as fc.Arbitrary<string>)
    : fc.string({ minLength: 1, maxLength: 16 });
  const value =
    typeof schema.additionalProperties === 'object' ? valueFor(schema.additionalProperties, depth + 1) : fc.jsonValue({ maxDepth: 1 });
  return fc.dictionary(key, value, { maxKeys: MAX_ITEMS });
}
