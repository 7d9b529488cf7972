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
});
