import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ clientCapabilities: { capabilities: { elicitation: {} } } });
});
afterAll(() => harness.close());

describe('the doctor tool', () => {
  it('checks the endpoint the server really uses, the contract and the client, and leaks no token', async () => {
    const result = await harness.call('doctor');
    expect(result.isError).toBeFalsy();
    const { ok, checks, first_to_fix } = result.structuredContent as {
      ok: boolean;
      checks: Array<{ id: string; status: string }>;
      first_to_fix: string | null;
    };
    const status = Object.fromEntries(checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({ 'endpoint.call': 'ok', contract: 'ok', 'client.elicitation': 'ok', 'client.roots': 'warning' });
    expect(ok).toBe(true);
    // No roots declared: the first thing to fix is a warning about the client, and it says what it means.
    expect(first_to_fix).toMatch(/^client\.roots: /);
    expect(textOf(result)).toMatch(/First to fix: client\.roots/);
  });
});
