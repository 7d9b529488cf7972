import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let instructions: string;
beforeAll(async () => {
  harness = await startHarness();
  instructions = harness.client.getInstructions() ?? '';
});
afterAll(() => harness.close());

/**
 * Clients that defer tool schemas see tool names and the instructions only: these must say which
 * tool comes first for "deploy this folder", and the port and health rules (issue 12).
 */
describe('the server instructions', () => {
  it('walk "deploy this folder" from the first tool to invoke, in order', () => {
    const steps = [
      'configure_app',
      'create_build with name and path',
      'get_build',
      'save_image_draft',
      'test_draft',
      'publish_draft',
      'invoke',
    ];
    const at = steps.map((step) => instructions.indexOf(step, instructions.indexOf('Deploy a folder')));
    expect(
      at.every((position) => position >= 0),
      `missing one of ${steps.join(', ')}`,
    ).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('state the port and health rules for Ignite and for the local Ignite', () => {
    for (const rule of [
      'PORT environment variable',
      'first listed port (80 when none)',
      'PORT_<P>',
      'fixed port',
      'GET <health_path> (default /healthz) must answer 2xx',
    ])
      expect(instructions).toContain(rule);
  });

  it('name only tools that exist, and fit what clients keep (2,048 characters in Claude Code)', () => {
    const names = new Set(TOOLS.map((tool) => tool.name));
    const mentioned = instructions.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [];
    const toolLike = mentioned.filter((word) => /^(get|list|create|cancel|read|save|test|publish|configure|upload)_/.test(word));
    expect(toolLike.filter((word) => !names.has(word))).toEqual([]);
    // Claude Code cuts server instructions at 2,048 characters.
    expect(instructions.length).toBeLessThanOrEqual(1950);
  });
});
