/**
 * The JSON Schema validator the SDK's Server uses for one thing only: checking a client's accepted
 * form elicitation against the requested schema (elicitation.ts). Its default, Ajv with its
 * formats, cost ~5 ms to load and construct before the `initialize` response (BENCHMARKS.md, cold
 * start), for a check that runs only after a user answered a question. This one loads it on the
 * first form question instead: `askForm` awaits `loadJsonSchemaValidator()` before it asks, so the
 * SDK's synchronous `getValidator` finds it ready. The bundle leaves the SDK's eager Ajv import out
 * (scripts/bundle.ts), which is why every McpServer we make must be given this validator.
 */
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

let loaded: jsonSchemaValidator | undefined;
let loading: Promise<jsonSchemaValidator> | undefined;

/** Loads the SDK's Ajv validator once; later calls return the same promise. */
export function loadJsonSchemaValidator(): Promise<jsonSchemaValidator> {
  loading ??= import('@modelcontextprotocol/sdk/validation/ajv').then(
    ({ AjvJsonSchemaValidator }) => (loaded = new AjvJsonSchemaValidator()),
  );
  return loading;
}

/** Pass as `jsonSchemaValidator` to every McpServer. */
export const deferredJsonSchemaValidator: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    // Reached only through askForm, which loaded it first. Refusing is the safe answer otherwise:
    // the SDK turns this into an error for the tool, never into an unchecked answer.
    if (!loaded) throw new Error('the JSON Schema validator is not loaded yet (loadJsonSchemaValidator)');
    return loaded.getValidator<T>(schema);
  },
};
