import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceUpdatedNotificationSchema, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

let harness: Harness;
const updates: string[] = [];
beforeAll(async () => {
  harness = await startHarness({ local: { limits: { buildStepDelayMs: 60 } } });
  harness.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
});
afterAll(() => harness.close());

async function startBuild(name: string): Promise<string> {
  const { build_id } = await harness.runtime.deps.client.createBuild({ name, zipped_code: await packDirectory(EXAMPLE_APP) });
  return build_id;
}

const meta = (result: ReadResourceResult) => result.contents[0]!._meta as Record<string, unknown>;
const seqsOf = (result: ReadResourceResult) => {
  const text = (result.contents[0] as { text: string }).text;
  return text ? text.split('\n').map((line) => Number(line.split('\t')[0])) : [];
};

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('build log resources', () => {
  it('declares resources.subscribe and lists recent builds', async () => {
    expect(harness.client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    const buildId = await startBuild('listed-resource');
    const { resources } = await harness.client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`ignite://builds/${buildId}`);
    const templates = (await harness.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toEqual(expect.arrayContaining(['ignite://builds/{build_id}', 'ignite://builds/{build_id}/logs']));
  });

  it('sends updates for subscribed URIs only, none after unsubscribe, and cursor reads see each line exactly once', async () => {
    const watched = await startBuild('watched');
    const ignored = await startBuild('ignored');
    const uri = `ignite://builds/${watched}/logs`;
    updates.length = 0;
    await harness.client.subscribeResource({ uri });
    const seen: number[] = [];
    let after = 0;
    let complete = false;
    while (!complete) {
      await until(() => updates.includes(uri) || complete);
      updates.splice(0, updates.length, ...updates.filter((u) => u !== uri));
      const read = await harness.client.readResource({ uri: after ? `${uri}?after=${after}` : uri });
      seen.push(...seqsOf(read));
      after = meta(read)['ignite/next_after'] as number;
      complete = meta(read)['ignite/complete'] as boolean;
    }
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    // One spelling of statuses everywhere: the resource's _meta says what get_build says.
    const last = await harness.client.readResource({ uri });
    const { build } = (await harness.call('get_build', { build_id: watched })).structuredContent as { build: { status: string } };
    expect(meta(last)['ignite/status']).toBe(build.status);
    expect(build.status).toMatch(/^(SUCCEEDED|FAILED)$/);
    await harness.client.unsubscribeResource({ uri });
    expect(updates.filter((u) => u.includes(ignored))).toEqual([]);

    const later = await startBuild('after-unsubscribe');
    updates.length = 0;
    await harness.client.subscribeResource({ uri: `ignite://builds/${later}` });
    await harness.client.unsubscribeResource({ uri: `ignite://builds/${later}` });
    await harness.runtime.deps.client.getBuild({ build_id: later });
    await harness.client.callTool({ name: 'get_build', arguments: { build_id: later, wait_seconds: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(updates).toEqual([]);
  });

  it('serves cursor reads of a followed build from the shared buffer instead of a new upstream stream per read', async () => {
    const buildId = await startBuild('buffered');
    const uri = `ignite://builds/${buildId}/logs`;
    const streamsBefore = harness.local.faults.calls('StreamBuildLogs');
    updates.length = 0;
    await harness.client.subscribeResource({ uri });
    let after = 0;
    let reads = 0;
    const seen: number[] = [];
    for (let complete = false; !complete;) {
      await until(() => updates.includes(uri));
      updates.splice(0, updates.length, ...updates.filter((u) => u !== uri));
      const read = await harness.client.readResource({ uri: after ? `${uri}?after=${after}` : uri });
      reads++;
      seen.push(...seqsOf(read));
      after = meta(read)['ignite/next_after'] as number;
      complete = meta(read)['ignite/complete'] as boolean;
    }
    await harness.client.unsubscribeResource({ uri });
    const streams = harness.local.faults.calls('StreamBuildLogs') - streamsBefore;
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(reads).toBeGreaterThan(5);
    expect(streams).toBeLessThan(reads / 2);
  });

  it('shares one upstream stream among subscribers and waiters, and stops when the build ends', async () => {
    const buildId = await startBuild('shared');
    const hub = harness.runtime.deps.logs;
    await harness.client.subscribeResource({ uri: `ignite://builds/${buildId}/logs` });
    await harness.client.subscribeResource({ uri: `ignite://builds/${buildId}` });
    expect(hub.activeStreams).toBe(1);
    const wait = harness.client.callTool({ name: 'get_build', arguments: { build_id: buildId, wait_seconds: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hub.activeStreams).toBe(1);
    await wait;
    await until(() => hub.activeStreams === 0);
    await harness.client.unsubscribeResource({ uri: `ignite://builds/${buildId}/logs` });
    await harness.client.unsubscribeResource({ uri: `ignite://builds/${buildId}` });
  });

  it('refuses to subscribe to a URI that is not a build resource, and reads of unknown builds fail', async () => {
    await expect(harness.client.subscribeResource({ uri: 'ignite://apps/x' })).rejects.toThrow(/only ignite:\/\/builds/);
    await expect(harness.client.readResource({ uri: 'ignite://builds/nope/logs' })).rejects.toThrow(/NOT_FOUND/);
  });
});
