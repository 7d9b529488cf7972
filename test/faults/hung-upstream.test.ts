import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');
const DEADLINE_MS = 400;
// Generous: this checks "does not hang", not speed.
const SLACK_MS = 1_500;

let harness: Harness;
const faults = () => harness.local.faults;

beforeAll(async () => {
  harness = await startHarness({ env: { IGNITE_MCP_DEADLINE_MS: String(DEADLINE_MS) }, local: { limits: { buildStepDelayMs: 250 } } });
});
beforeEach(() => faults().clear());
afterAll(() => harness.close());

async function startBuild(name: string): Promise<string> {
  const { build_id } = await harness.runtime.deps.client.createBuild({ name, zipped_code: await packDirectory(EXAMPLE_APP) });
  return build_id;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe('get_build with wait_seconds against a hung upstream returns within its budget', () => {
  it('a log stream that never answers: the wait ends on time with the build still running', async () => {
    const buildId = await startBuild('hung-stream');
    faults().drop('StreamBuildLogs');
    const { value: result, ms } = await timed(() => harness.call('get_build', { build_id: buildId, wait_seconds: 1 }));
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { build: { terminal: boolean } }).build.terminal).toBe(false);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(1_000 + DEADLINE_MS + SLACK_MS);
    expect(faults().calls('StreamBuildLogs')).toBe(1);
    // The waiter let go of the hung stream instead of leaving it open.
    expect(harness.runtime.deps.logs.activeStreams).toBe(0);
  });

  it('a GetBuild that never answers: an error after the call deadline, long before wait_seconds', async () => {
    const buildId = await startBuild('hung-get');
    faults().drop('GetBuild');
    const { value: result, ms } = await timed(() => harness.call('get_build', { build_id: buildId, wait_seconds: 20 }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/GetBuild failed: DEADLINE_EXCEEDED/);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
  });

  it('GetBuild hanging after the wait began: the final read fails within the deadline, after the wait', async () => {
    const buildId = await startBuild('hung-later');
    setTimeout(() => faults().drop('GetBuild'), 200);
    const { value: result, ms } = await timed(() => harness.call('get_build', { build_id: buildId, wait_seconds: 1 }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/DEADLINE_EXCEEDED/);
    expect(ms).toBeLessThan(1_000 + DEADLINE_MS + SLACK_MS);
  });

  it('a slow upstream (latency over the deadline on every read) is bounded the same way', async () => {
    const buildId = await startBuild('slow-get');
    faults().delay('GetBuild', 5_000);
    const { value: result, ms } = await timed(() => harness.call('get_build', { build_id: buildId, wait_seconds: 20 }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/DEADLINE_EXCEEDED/);
    expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
  });
});
