import { describe, expect, it } from 'vitest';
import { deferredJsonSchemaValidator, loadJsonSchemaValidator } from '../../src/mcp/json-schema-validator.js';

const SCHEMA = { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] } as const;

describe('the JSON Schema validator loaded on the first form question', () => {
  it('refuses to validate before it is loaded, instead of passing an answer unchecked', () => {
    expect(() => deferredJsonSchemaValidator.getValidator(SCHEMA)).toThrow(/not loaded yet/);
  });

  it("checks answers with the SDK's Ajv validator once loaded", async () => {
    await loadJsonSchemaValidator();
    const validate = deferredJsonSchemaValidator.getValidator<{ confirm: boolean }>(SCHEMA);
    expect(validate({ confirm: true })).toMatchObject({ valid: true, data: { confirm: true } });
    expect(validate({ confirm: 'yes' })).toMatchObject({ valid: false });
    expect(validate({})).toMatchObject({ valid: false });
  });
});
