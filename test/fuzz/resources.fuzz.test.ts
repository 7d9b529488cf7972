import fc from 'fast-check';
import './seed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';
import { ADVERSARIAL_STRINGS } from './hostile-values.js';

/**
 * Resource reads, subscriptions and the prompt with hostile input: each answers (a result or a
 * JSON-RPC error with a plain message) and the server keeps serving.
 */
let harness: Harness;
let buildId: string;

beforeAll(async () => {
  harness = await startHarness();
  // A remote URL that cannot be reached: the build exists and fails, offline (a local path must be inside the roots).
  const created = await harness.call('create_build', { name: 'res-fuzz', git_url: 'http://127.0.0.1:9/nonexistent/repo.git' });
  buildId = (created.structuredContent as { build_id: string }).build_id;
});
afterAll(() => harness.close());

// Linear on purpose: prompts echo 200 KB arguments.
const INTERNALS =
  /(^|\n)\s*at (async )?\S+( \(|:\d+:\d+)|\.(ts|js):\d+|(TypeError|RangeError|ReferenceError|SyntaxError|URIError): |unexpected error|URI malformed/;

/** Lone surrogates cannot be percent-encoded; they go in raw. */
const encoded = (text: string) => {
  try {
    return encodeURIComponent(text).slice(0, 300);
  } catch {
    return text;
  }
};
const segment = fc.oneof(
  fc.constantFrom(...ADVERSARIAL_STRINGS.map(encoded), '%', '%E0%A4%A', '%ZZ', '..', 'b-1'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('BUILD'),
);
const uri = fc.oneof(
  fc
    .tuple(segment, fc.constantFrom('', '/logs', '/logs?after=', '/logs?after=-1', '/logs?after=1e400', '/logs?after=3', '/x/y'))
    .map(([id, tail]) => `ignite://builds/${id}${tail}`),
  fc.constantFrom('ignite://', 'ignite://builds/', 'file:///etc/passwd', 'http://x', 'not a uri', '', 'ignite://builds/%'),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

async function settle(promise: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await promise);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A JSON-RPC error code, never a gRPC status number passed through.
    expect((err as { code?: number }).code, message).toBeLessThanOrEqual(-32000);
    return message;
  }
}

describe('hostile resource and prompt input', () => {
  it('resources/read, subscribe and unsubscribe answer every URI plainly', async () => {
    await fc.assert(
      fc.asyncProperty(uri, async (raw) => {
        const target = raw.replace('BUILD', buildId);
        for (const text of [
          await settle(harness.client.readResource({ uri: target })),
          await settle(harness.client.subscribeResource({ uri: target })),
          await settle(harness.client.unsubscribeResource({ uri: target })),
        ]) {
          expect(text, target).not.toMatch(INTERNALS);
        }
      }),
      { numRuns: 300, plugins: [fc.interruptAfterTimeLimit(5_000)] },
    );
    expect((await harness.call('list_builds', { limit: 1 })).isError).toBeFalsy();
  });

  it('the workflow prompt answers any arguments plainly', async () => {
    const value = fc.oneof(
      fc.constantFrom(...ADVERSARIAL_STRINGS),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constant('x'.repeat(200_000)),
    );
    const args = fc.dictionary(fc.constantFrom('source', 'app_name', 'port', 'extra'), value);
    await fc.assert(
      fc.asyncProperty(args, async (given) => {
        expect(await settle(harness.client.getPrompt({ name: 'deploy_workflow', arguments: given }))).not.toMatch(INTERNALS);
      }),
      { numRuns: 200, plugins: [fc.interruptAfterTimeLimit(3_000)] },
    );
  });
});
