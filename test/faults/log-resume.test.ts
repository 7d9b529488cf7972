import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResourceUpdatedNotificationSchema, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { silentLogger } from '../../src/shared/log.js';
import { BuildLogHub } from '../../src/logs/build-log-hub.js';
import type { LogLine } from '../../src/logs/follow-log.js';
import { waitForBuildEnd } from '../../src/logs/wait-for-build.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

let harness: Harness;
const updates: string[] = [];
const faults = () => harness.local.faults;

beforeAll(async () => {
  harness = await startHarness({ local: { limits: { buildStepDelayMs: 40 } } });
  harness.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
});
beforeEach(() => faults().clear());
afterAll(() => harness.close());

async function startBuild(name: string): Promise<string> {
  const { build_id } = await harness.runtime.deps.client.createBuild({ name, zipped_code: await packDirectory(EXAMPLE_APP) });
  return build_id;
}

/** The whole log read with no faults: what every faulted read must reproduce exactly. */
async function cleanLog(buildId: string): Promise<string[]> {
  faults().clear();
  const lines: string[] = [];
  for await (const frame of harness.runtime.deps.client.streamBuildLogs({ build_id: buildId, from_start: true })) {
    if (frame.line) lines.push(`${frame.line.seq}\t${frame.line.text}`);
  }
  return lines;
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a cut StreamBuildLogs resumes by sequence number: no line lost, none repeated', () => {
  it('through the log hub, following a live build whose stream is cut every 3 messages', async () => {
    faults().cutStreams('StreamBuildLogs', 3);
    const buildId = await startBuild('hub-cut');
    const lines: LogLine[] = [];
    let ended = false;
    let failed: unknown;
    const stop = harness.runtime.deps.logs.follow(buildId, (event) => {
      if (event.kind === 'line') lines.push(event.line);
      else if (event.kind === 'status' && event.terminal) ended = true;
      else if (event.kind === 'failed') failed = event.error;
    });
    await until(() => ended || failed !== undefined);
    stop();
    expect(failed).toBeUndefined();
    const cuts = faults().calls('StreamBuildLogs');
    expect(cuts).toBeGreaterThan(3);
    expect(lines.map((line) => `${line.seq}\t${line.text}`)).toEqual(await cleanLog(buildId));
    expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
  });

  it('through an MCP resource subscription with cursor reads, while both the hub and the reads are cut', async () => {
    // Three, not two: every stream from the start replays the PENDING and RUNNING statuses first.
    faults().cutStreams('StreamBuildLogs', 3);
    const buildId = await startBuild('subscription-cut');
    const uri = `ignite://builds/${buildId}/logs`;
    updates.length = 0;
    await harness.client.subscribeResource({ uri });
    const seen: string[] = [];
    let after = 0;
    let complete = false;
    while (!complete) {
      await until(() => updates.includes(uri) || complete);
      updates.splice(0, updates.length, ...updates.filter((u) => u !== uri));
      const read: ReadResourceResult = await harness.client.readResource({ uri: after ? `${uri}?after=${after}` : uri });
      const content = read.contents[0] as { text: string; _meta: Record<string, unknown> };
      if (content.text) seen.push(...content.text.split('\n'));
      after = content._meta['ignite/next_after'] as number;
      complete = content._meta['ignite/complete'] as boolean;
    }
    await harness.client.unsubscribeResource({ uri });
    expect(faults().calls('StreamBuildLogs')).toBeGreaterThan(3);
    expect(seen).toEqual(await cleanLog(buildId));
  });

  it('read_build_logs over a stream cut every 4 messages still returns the complete window', async () => {
    const buildId = await startBuild('read-cut');
    await harness.call('get_build', { build_id: buildId, wait_seconds: 30 });
    const expected = await cleanLog(buildId);
    faults().clear();
    faults().cutStreams('StreamBuildLogs', 4);
    const result = await harness.call('read_build_logs', { build_id: buildId, max_lines: 2000, max_bytes: 512 * 1024 });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { lines: LogLine[]; complete: boolean; omitted_lines: number };
    expect(structured.lines.map((line) => `${line.seq}\t${line.text}`)).toEqual(expected);
    expect(structured).toMatchObject({ complete: true, omitted_lines: 0 });
    expect(faults().calls('StreamBuildLogs')).toBeGreaterThanOrEqual(Math.ceil(expected.length / 4));

    const tail = await harness.call('read_build_logs', { build_id: buildId, mode: 'tail', max_lines: 5 });
    expect((tail.structuredContent as { lines: LogLine[] }).lines.map((line) => `${line.seq}\t${line.text}`)).toEqual(expected.slice(-5));
  });

  it('the hub gives up, and tells its followers, when resumed streams bring no new line', async () => {
    const buildId = await startBuild('hub-stuck');
    const { client } = harness.runtime.deps;
    const hub = new BuildLogHub({
      streamBuildLogs: (request, options) => client.streamBuildLogs(request, options),
      isRetryable: (err) => err instanceof IgniteError && err.retryable,
      logger: silentLogger,
      maxResumes: 3,
      backoffMs: () => 5,
    });
    // Each stream from the start is cut right after the two replayed statuses: attempts, not frames, must run out.
    faults().cutStreams('StreamBuildLogs', 2);
    const outcome = await waitForBuildEnd(hub, buildId, { afterSeq: 0, timeoutMs: 10_000, signal: new AbortController().signal });
    expect(outcome).toBe('stream-failed');
    expect(faults().calls('StreamBuildLogs')).toBe(4);
    hub.close();
  });

  it('read_build_logs resumes a stream reset as INTERNAL or UNKNOWN, as the log hub does (one resume loop)', async () => {
    const buildId = await startBuild('read-reset');
    await harness.call('get_build', { build_id: buildId, wait_seconds: 30 });
    const expected = await cleanLog(buildId);
    faults().clear();
    faults().failNext('StreamBuildLogs', 1, grpc.status.INTERNAL, 'stream reset by peer');
    faults().failNext('StreamBuildLogs', 1, grpc.status.UNKNOWN, 'connection reset');
    const result = await harness.call('read_build_logs', { build_id: buildId, max_lines: 2000, max_bytes: 512 * 1024 });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { lines: LogLine[] }).lines.map((line) => `${line.seq}\t${line.text}`)).toEqual(expected);
    expect(faults().calls('StreamBuildLogs')).toBe(3);
  });

  it('a stream that never gets anywhere is given up on after a bounded number of resumes', async () => {
    const buildId = await startBuild('read-dead');
    await harness.call('get_build', { build_id: buildId, wait_seconds: 30 });
    faults().clear();
    faults().cutStreams('StreamBuildLogs', 0);
    const started = Date.now();
    const result = await harness.call('read_build_logs', { build_id: buildId });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/UNAVAILABLE/);
    expect(faults().calls('StreamBuildLogs')).toBe(6);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a log stream that hangs without failing', () => {
  it('the hub notices the build ended by checking it while the stream is silent', async () => {
    const buildId = await startBuild('hub-silent');
    const { client } = harness.runtime.deps;
    const hub = new BuildLogHub({
      streamBuildLogs: (request, options) => client.streamBuildLogs(request, options),
      isRetryable: (err) => err instanceof IgniteError && err.retryable,
      logger: silentLogger,
      checkBuild: async (id, signal) => {
        const { build } = await client.getBuild({ build_id: id }, { signal });
        return {
          status: build!.status,
          terminal: build!.status === 'BUILD_STATUS_SUCCEEDED' || build!.status === 'BUILD_STATUS_FAILED',
          error: build!.error,
        };
      },
      idleCheckMs: 200,
    });
    // Every log stream is accepted and then never answered, as over a connection that hung.
    faults().drop('StreamBuildLogs');
    const outcome = await waitForBuildEnd(hub, buildId, { afterSeq: 0, timeoutMs: 15_000, signal: new AbortController().signal });
    expect(outcome).toBe('ended');
    expect(hub.activeStreams).toBe(0);
    hub.close();
  });
});
