import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';

const EXPECTED_TOOLS = [
  'configure_app',
  'upload_context',
  'create_build',
  'get_build',
  'list_builds',
  'cancel_build',
  'read_build_logs',
  'save_image_draft',
  'get_draft',
  'test_draft',
  'publish_draft',
  'invoke',
  'read_app_logs',
  'create_secret',
  'list_secrets',
  'delete_secret',
  'list_versions',
  'get_version',
  'rollback_app',
  'list_apps',
  'get_app',
  'delete_app',
  'doctor',
];

let harness: Harness;
let tools: Tool[];

beforeAll(async () => {
  harness = await startHarness();
  tools = (await harness.client.listTools()).tools;
});
afterAll(() => harness.close());

/** Stable JSON with sorted keys, so snapshot diffs show only real changes. */
function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

describe('the tool surface', () => {
  it('has exactly the expected tools, at most 24', () => {
    expect(tools.map((tool) => tool.name).sort()).toEqual([...EXPECTED_TOOLS].sort());
    expect(tools.length).toBeLessThanOrEqual(24);
  });

  it.each(EXPECTED_TOOLS)('%s has a title, all four hints, a plain-object input, an output schema and a next step', (name) => {
    const tool = tools.find((t) => t.name === name);
    if (!tool) throw new Error(`${name} is not listed`);
    expect(tool.title).toBeTruthy();
    expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      expect(typeof tool.annotations?.[hint], `${name}.${hint}`).toBe('boolean');
    }
    expect(tool.inputSchema.type).toBe('object');
    for (const combinator of ['anyOf', 'oneOf', 'allOf']) expect(tool.inputSchema).not.toHaveProperty(combinator);
    expect(tool.outputSchema?.type).toBe('object');
    expect(tool.description).toMatch(/Next:/);
    expect(tool.description!.length).toBeGreaterThan(80);
  });

  it.each(EXPECTED_TOOLS)('%s matches its reviewed schema snapshot', async (name) => {
    const tool = tools.find((t) => t.name === name);
    const { execution: _execution, ...wire } = tool ?? {};
    await expect(sortedJson(wire)).toMatchFileSnapshot(`../__toolsnaps__/${name}.json`);
  });

  it('read-only mode offers only the tools that change nothing', async () => {
    const readOnly = await startHarness({ argv: ['--read-only'] });
    try {
      const listed = (await readOnly.client.listTools()).tools;
      expect(listed.length).toBeGreaterThan(0);
      for (const tool of listed) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(listed.map((t) => t.name)).toEqual(expect.arrayContaining(['get_build', 'list_builds', 'read_build_logs', 'get_draft']));
    } finally {
      await readOnly.close();
    }
  });
});
