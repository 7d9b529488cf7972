import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppLogLine__Output } from '../../../src/contract/generated/dodil/ignite/v1/AppLogLine.js';
import type { StreamAppLogsResponse__Output } from '../../../src/contract/generated/dodil/ignite/v1/StreamAppLogsResponse.js';
import { ExecutionWindows, GRACE_MS } from '../../../src/local/runner/execution-windows.js';
import { startIgniteWithClients, type IgniteClients } from '../../helpers/compute-client.js';
import { registerExampleImage } from '../../helpers/fixture-image.js';

/**
 * GetAppLogs and StreamAppLogs on the local Ignite (process engine): the example app writes one
 * stderr line per request, with the x-ignite-execution-id it was sent, so each line's attribution
 * can be checked against the app's own word.
 */
let env: IgniteClients;
beforeAll(async () => {
  env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 5000 } });
  const image = registerExampleImage(env.ignite, { name: 'logs' });
  await env.compute('CreateApp', { name: 'logs' });
  await env.compute('SaveDraft', { app_name: 'logs', code: { image: { prebuilt: { image_ref: image.ref } } } });
  await env.compute('TestDraft', { app_name: 'logs', http: { method: 'GET', path: '/info' } });
  await env.compute('PublishDraft', { app_name: 'logs' });
}, 30_000);
afterAll(() => env.close());

type Lines = { lines: AppLogLine__Output[]; last_seq: string; matching: number };
const logs = (request: Record<string, unknown>) => env.compute<Lines>('GetAppLogs', { app_name: 'logs', ...request });

function stream(request: Record<string, unknown>) {
  const client = env.computeClient as unknown as {
    StreamAppLogs(r: unknown, m: grpc.Metadata): grpc.ClientReadableStream<StreamAppLogsResponse__Output>;
  };
  return client.StreamAppLogs({ app_name: 'logs', ...request }, new grpc.Metadata());
}

/** The first `count` lines a stream delivers, then cancels it. */
function take(call: grpc.ClientReadableStream<StreamAppLogsResponse__Output>, count: number): Promise<AppLogLine__Output[]> {
  return new Promise((resolve, reject) => {
    const lines: AppLogLine__Output[] = [];
    call.on('data', (frame: StreamAppLogsResponse__Output) => {
      lines.push(frame.line!);
      if (lines.length === count) {
        call.cancel();
        resolve(lines);
      }
    });
    call.on('error', (err: grpc.ServiceError) => (err.code === grpc.status.CANCELLED ? undefined : reject(err)));
  });
}

describe('GetAppLogs', () => {
  it('keeps the draft and version lines in one gap-free sequence, tagged, with the system lines', async () => {
    const { lines, last_seq, matching } = await logs({ from_start: true });
    expect(lines.map((line) => Number(line.seq))).toEqual(lines.map((_, i) => i + 1));
    expect(Number(last_seq)).toBe(lines.length);
    expect(matching).toBe(lines.length);
    expect(lines.find((line) => line.stream === 'system' && line.draft)?.text).toMatch(/^started process \d+ .* with the process engine$/);
    expect(lines.some((line) => line.version === 1 && !line.draft && line.stream === 'stderr')).toBe(true);
  });

  it('attributes the lines an execution wrote to it, and filters by execution, version and draft', async () => {
    const [head] = await env.invoke({ app_name: 'logs', http: { method: 'GET', path: '/fail' } });
    const id = head!.head!.execution_id;
    const { lines } = await logs({ filter: { execution_id: id } });
    expect(lines.map((line) => line.text)).toEqual([`[example-app] GET /fail execution=${id}`, '[example-app] failing on purpose']);
    expect(lines.every((line) => line.version === 1 && line.stream === 'stderr' && line.execution_id === id)).toBe(true);
    // Health probes run in no execution.
    const probes = (await logs({ from_start: true })).lines.filter((line) => line.text.includes('GET /healthz'));
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((line) => line.execution_id === '')).toBe(true);
    expect((await logs({ filter: { draft: true } })).lines.every((line) => line.draft && line.version === 0)).toBe(true);
    expect((await logs({ filter: { version: 1 } })).lines.every((line) => line.version === 1 && !line.draft)).toBe(true);
    expect((await logs({ filter: { version: 7 } })).lines).toEqual([]);
  });

  it('pages forward after a seq, and answers the newest lines without a cursor', async () => {
    const all = (await logs({ from_start: true })).lines;
    const page = await logs({ after_seq: 2, limit: 3 });
    expect(page.lines.map((line) => Number(line.seq))).toEqual([3, 4, 5]);
    expect(page.matching).toBe(all.length - 2);
    const newest = await logs({ limit: 2 });
    expect(newest.lines.map((line) => line.seq)).toEqual(all.slice(-2).map((line) => line.seq));
  });

  it('answers NOT_FOUND for an unknown app', async () => {
    await expect(env.compute('GetAppLogs', { app_name: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });
});

describe('StreamAppLogs', () => {
  it('follows new lines live, filtered by execution', async () => {
    // From the last line seen, not from "now": the server may take up the stream after the invoke below.
    const { last_seq } = await logs({ from_start: true });
    const live = stream({ after_seq: last_seq });
    const firstTwo = take(live, 2);
    const [head] = await env.invoke({ app_name: 'logs', http: { method: 'GET', path: '/fail' } });
    const lines = await firstTwo;
    expect(lines.map((line) => line.execution_id)).toEqual([head!.head!.execution_id, head!.head!.execution_id]);
  });

  it('resumes after a sequence number without losing or repeating a line', async () => {
    const all = (await logs({ from_start: true })).lines;
    const resumed = await take(stream({ after_seq: all.length - 3 }), 3);
    expect(resumed.map((line) => line.seq)).toEqual(all.slice(-3).map((line) => line.seq));
  });

  it('fails with NOT_FOUND for an unknown app, and ends when the app is deleted', async () => {
    const missing = stream({ app_name: 'nope' });
    await expect(new Promise((_, reject) => missing.on('error', reject))).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    const image = registerExampleImage(env.ignite, { name: 'gone' });
    await env.compute('CreateApp', { name: 'gone' });
    await env.compute('SaveDraft', { app_name: 'gone', code: { image: { prebuilt: { image_ref: image.ref } } } });
    const following = stream({ app_name: 'gone', from_start: true });
    const ended = new Promise<void>((resolve, reject) => {
      following.on('data', () => undefined);
      following.on('end', resolve);
      following.on('error', reject);
    });
    await env.compute('DeleteApp', { app_name: 'gone' });
    await ended;
  });
});

describe('the local Ignite guard', () => {
  it('answers UNAUTHENTICATED for both app-log calls without the token', async () => {
    const guarded = await startIgniteWithClients({ requiredToken: 'tok-required-applogs-1' });
    try {
      await expect(guarded.compute('GetAppLogs', { app_name: 'logs' })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const client = guarded.computeClient as unknown as {
        StreamAppLogs(r: unknown, m: grpc.Metadata): grpc.ClientReadableStream<unknown>;
      };
      const call = client.StreamAppLogs({ app_name: 'logs' }, new grpc.Metadata());
      await expect(new Promise((_, reject) => call.on('error', reject))).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    } finally {
      await guarded.close();
    }
  });
});

describe('execution attribution', () => {
  it('gives a line to the one execution in flight, to none when two are, and to one just ended within the grace', () => {
    let now = 1000;
    const windows = new ExecutionWindows(() => now);
    const endA = windows.begin('a');
    expect(windows.attribute(1000)).toBe('a');
    now = 1010;
    const endB = windows.begin('b');
    expect(windows.attribute(1020)).toBeUndefined();
    now = 1030;
    endA();
    expect(windows.attribute(1040)).toBe('b');
    now = 1050;
    endB();
    expect(windows.attribute(1050 + GRACE_MS)).toBe('b');
    expect(windows.attribute(1051 + GRACE_MS)).toBeUndefined();
    expect(windows.attribute(999)).toBeUndefined();
  });
});
