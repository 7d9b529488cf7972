import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestIgnite, waitForBuild, logText, type TestIgnite } from '../helpers/local-ignite.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

let t: TestIgnite;
let buildId: string;
beforeAll(async () => {
  t = await startTestIgnite();
  ({ build_id: buildId } = await t.builds.create({ name: 'faults', zipped_code: await packDirectory(EXAMPLE_APP) }));
  await waitForBuild(t.builds, buildId);
});
beforeEach(() => t.ignite.faults.clear());
afterAll(() => t.close());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => grpc.status.OK,
    (err: grpc.ServiceError) => err.code,
  );

describe('the fault injector of the local Ignite', () => {
  it('fails the next N calls of one method with the chosen status, then lets calls through', async () => {
    t.ignite.faults.failNext('GetBuild', 2, grpc.status.RESOURCE_EXHAUSTED, 'slow down');
    await expect(t.builds.get(buildId)).rejects.toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED, details: 'slow down' });
    expect(await codeOf(t.builds.list({}))).toBe(grpc.status.OK);
    expect(await codeOf(t.builds.get(buildId))).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(await codeOf(t.builds.get(buildId))).toBe(grpc.status.OK);
    expect(t.ignite.faults.calls('GetBuild')).toBe(3);
    expect(t.ignite.faults.calls()).toBe(4);
  });

  it('applies a persistent "*" rule to every method until it is removed or cleared', async () => {
    const remove = t.ignite.faults.add({ method: '*', fault: 'fail', code: grpc.status.UNAVAILABLE });
    for (let i = 0; i < 3; i++) expect(await codeOf(t.builds.get(buildId))).toBe(grpc.status.UNAVAILABLE);
    expect(await codeOf(t.builds.list({}))).toBe(grpc.status.UNAVAILABLE);
    await expect(t.builds.logs({ build_id: buildId, from_start: true })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    remove();
    expect(await codeOf(t.builds.get(buildId))).toBe(grpc.status.OK);
    expect(() => t.ignite.faults.drop('GetBuilds')).toThrow(/unknown method "GetBuilds"/);
  });

  it('cuts a server stream after exactly K messages with UNAVAILABLE, and the next stream is whole', async () => {
    const whole = await t.builds.logs({ build_id: buildId, from_start: true });
    expect(whole.length).toBeGreaterThan(5);
    t.ignite.faults.cutStreams('StreamBuildLogs', 3, 1);
    const frames: unknown[] = [];
    const stream = t.client.StreamBuildLogs({ build_id: buildId, from_start: true });
    stream.on('data', (frame) => frames.push(frame));
    const err = await new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    expect(err.details).toMatch(/after 3 messages/);
    expect(frames).toEqual(whole.slice(0, 3));
    expect(logText(await t.builds.logs({ build_id: buildId, from_start: true }))).toEqual(logText(whole));
  });

  it('does not use up a cut rule on unary calls', async () => {
    t.ignite.faults.cutStreams('*', 0, 1);
    expect(await codeOf(t.builds.get(buildId))).toBe(grpc.status.OK);
    await expect(t.builds.logs({ build_id: buildId, from_start: true })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect((await t.builds.logs({ build_id: buildId, from_start: true })).length).toBeGreaterThan(5);
  });

  it('adds latency before the handler, one-shot or persistent', async () => {
    t.ignite.faults.delay('GetBuild', 300, 1);
    let started = Date.now();
    await t.builds.get(buildId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await t.builds.get(buildId);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('never answers a dropped call: the client deadline ends it, and closing the server releases held calls', async () => {
    t.ignite.faults.drop('GetBuild', 1);
    const started = Date.now();
    const err = await new Promise<grpc.ServiceError | null>((resolve) =>
      t.client.GetBuild({ build_id: buildId }, new grpc.Metadata(), { deadline: Date.now() + 200 }, (e) => resolve(e)),
    );
    expect(err?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(2000);

    const other = await startTestIgnite({
      faults: [
        { method: 'StreamBuildLogs', fault: 'drop' },
        { method: 'ListBuilds', fault: 'drop' },
      ],
    });
    const stream = other.client.StreamBuildLogs({ build_id: 'nope', from_start: true });
    const streamEnded = new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    const unary = new Promise<grpc.ServiceError | null>((resolve) => other.client.ListBuilds({}, (e) => resolve(e)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.ignite.faults.calls()).toBe(2);
    await other.ignite.close();
    expect((await streamEnded).code).toBe(grpc.status.UNAVAILABLE);
    expect((await unary)?.code).toBe(grpc.status.UNAVAILABLE);
    other.client.close();
  });
});
