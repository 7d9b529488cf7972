import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';

/**
 * Clients that load every schema pay for every byte of `tools/list` at each turn (issue 14 part 2):
 * the compact JSON a client receives stays under this average per tool, however many tools there are.
 */
const BUDGET_BYTES_PER_TOOL = 1500;

let harness: Harness;
let tools: Tool[];

beforeAll(async () => {
  harness = await startHarness();
  tools = (await harness.client.listTools()).tools;
});
afterAll(() => harness.close());

/**
 * Keywords whose meaning is the same in draft-07 and 2020-12: without `$schema` a client reads our
 * schemas as 2020-12, MCP's default dialect (docs/mcp-sdk.md G13). No `$ref`: clients resolve it unevenly.
 */
const PORTABLE_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'default',
  'description',
  'anyOf',
]);

/** Every keyword used in a schema, with where, skipping property names (which are not keywords). */
function keywordsOf(schema: unknown, where: string, out: [string, string, unknown][] = []): [string, string, unknown][] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return out;
  for (const [key, value] of Object.entries(schema)) {
    out.push([key, where, value]);
    if (key === 'properties') for (const [name, child] of Object.entries(value as object)) keywordsOf(child, `${where}.${name}`, out);
    else if (key === 'anyOf') (value as unknown[]).forEach((child, i) => keywordsOf(child, `${where}|${i}`, out));
    else if (key === 'items' || key === 'additionalProperties' || key === 'propertyNames') keywordsOf(value, `${where}[]`, out);
  }
  return out;
}

const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

describe('the tool list', () => {
  it(`averages at most ${BUDGET_BYTES_PER_TOOL} bytes of compact JSON per tool`, () => {
    const rows = tools.map((tool) => ({
      tool: tool.name,
      total: bytes(tool),
      description: bytes(tool.description),
      inputSchema: bytes(tool.inputSchema),
      outputSchema: bytes(tool.outputSchema),
      annotations: bytes(tool.annotations),
    }));
    const total = bytes(tools);
    const average = Math.round(total / tools.length);
    // Printed on every run, so a change that grows the list shows where the bytes went.
    console.info(
      [
        `tools/list: ${total} bytes for ${tools.length} tools, ${average} per tool (budget ${BUDGET_BYTES_PER_TOOL})`,
        ...rows.map(
          (r) =>
            `  ${r.tool.padEnd(18)} ${String(r.total).padStart(5)}  description ${r.description}, input ${r.inputSchema}, output ${r.outputSchema}, annotations ${r.annotations}`,
        ),
      ].join('\n'),
    );
    expect(average, 'average compact bytes per tool in tools/list').toBeLessThanOrEqual(BUDGET_BYTES_PER_TOOL);
  });

  it('uses only keywords that mean the same in draft-07 and 2020-12, without $schema, $ref or safe-integer bounds', () => {
    const problems: string[] = [];
    for (const tool of tools) {
      for (const [part, schema] of [
        ['input', tool.inputSchema],
        ['output', tool.outputSchema],
      ] as const) {
        for (const [key, where, value] of keywordsOf(schema, `${tool.name} ${part}`)) {
          if (!PORTABLE_KEYWORDS.has(key)) problems.push(`${where}: ${key}`);
          if ((key === 'minimum' || key === 'maximum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER)
            problems.push(`${where}: ${key} ±2^53-1`);
          if (key === 'items' && Array.isArray(value)) problems.push(`${where}: tuple items`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists execution only for the tools that start a build (optional tasks), and no annotations.title', () => {
    const TASK_TOOLS = ['create_build', 'save_image_draft'];
    for (const tool of tools) {
      // Absent on the wire for plain tools (the SDK default means "forbidden"); the in-memory transport hands over the SDK's object.
      if (TASK_TOOLS.includes(tool.name)) expect(tool.execution, tool.name).toEqual({ taskSupport: 'optional' });
      else expect(tool.execution, tool.name).toBeUndefined();
      expect(tool.annotations, tool.name).not.toHaveProperty('title');
    }
  });

  it('every structured result is checked against the advertised output schema by the client', async () => {
    const before = harness.outputValidations();
    const result = await harness.call('list_builds', {});
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(harness.outputValidations()).toBe(before + 1);
  });
});
