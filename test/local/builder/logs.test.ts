import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamBuildLogsResponse__Output } from '../../../src/contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import { buildApi, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { NODE_APP, tarGz } from './archives.js';

const STEP_DELAY_MS = 40;
/** `t` pauses before each step so builds can be watched live; `fast` makes finished builds quickly. */
let t: TestIgnite;
let fast: TestIgnite;
let app: Buffer;
beforeAll(async () => {
  [t, fast] = await Promise.all([startTestIgnite({ limits: { buildStepDelayMs: STEP_DELAY_MS } }), startTestIgnite()]);
  app = await tarGz(NODE_APP);
});
afterAll(() => Promise.all([t.close(), fast.close()]));

const seqs = (frames: StreamBuildLogsResponse__Output[]) => frames.flatMap((f) => (f.line ? [Number(f.line.seq)] : []));
const statuses = (frames: StreamBuildLogsResponse__Output[]) =>
  frames.flatMap((f) => (f.status ? [`${f.status.status}${f.status.terminal ? '!' : ''}`] : []));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function finishedBuild() {
  const { build_id } = await fast.builds.create({ name: 'logged', zipped_code: app });
  return waitForBuild(fast.builds, build_id);
}

describe('StreamBuildLogs', () => {
  it('replays a finished build from the start: statuses in order, lines 1..N without gaps, then the terminal event', async () => {
    const build = await finishedBuild();
    const last = Number(build.last_log_seq);
    const frames = await fast.builds.logs({ build_id: build.build_id, from_start: true });
    expect(seqs(frames)).toEqual(range(1, last));
    expect(statuses(frames)).toEqual(['BUILD_STATUS_PENDING', 'BUILD_STATUS_RUNNING', 'BUILD_STATUS_SUCCEEDED!']);
    expect(frames[frames.length - 1]!.status).toMatchObject({
      status: 'BUILD_STATUS_SUCCEEDED',
      terminal: true,
      at_ms: build.finished_at_ms,
    });
    const lines = frames.flatMap((f) => (f.line ? [f.line] : []));
    expect(lines.every((line) => line.stream === 'system')).toBe(true);
    expect(lines.map((line) => Number(line.timestamp_ms))).toEqual(lines.map((line) => Number(line.timestamp_ms)).sort((a, b) => a - b));
  });

  it('resumes after a given seq, and tails a finished build with just its terminal event', async () => {
    const build = await finishedBuild();
    const last = Number(build.last_log_seq);
    const resumed = await fast.builds.logs({ build_id: build.build_id, after_seq: 5, from_start: true });
    expect(seqs(resumed)).toEqual(range(6, last));
    expect(statuses(resumed)).toEqual(['BUILD_STATUS_SUCCEEDED!']);
    expect(statuses(await fast.builds.logs({ build_id: build.build_id, after_seq: last + 10 }))).toEqual(['BUILD_STATUS_SUCCEEDED!']);
    const tail = await fast.builds.logs({ build_id: build.build_id, from_start: false });
    expect(tail.map((f) => f.event)).toEqual(['status']);
    expect(tail[0]!.status).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', terminal: true });
  });

  it('resumes a long log after any seq, at and around the sparse seq index points', async () => {
    const steps = Array.from({ length: 400 }, (_, i) => `USER ${1000 + i}`).join('\n');
    const { build_id } = await fast.builds.create({
      name: 'long-log',
      zipped_code: await tarGz({ Dockerfile: `FROM scratch\n${steps}\n` }),
    });
    const build = await waitForBuild(fast.builds, build_id);
    const last = Number(build.last_log_seq);
    expect(last).toBeGreaterThan(800);
    for (const after of [1, 255, 256, 257, 511, 512, 513, last - 1]) {
      const frames = await fast.builds.logs({ build_id, after_seq: after });
      expect(seqs(frames), `after ${after}`).toEqual(range(after + 1, last));
      expect(statuses(frames)).toEqual(['BUILD_STATUS_SUCCEEDED!']);
    }
  });

  it('follows a running build live: lines arrive while it runs, in order, and the stream ends at the end', async () => {
    const { build_id } = await t.builds.create({ name: 'live', zipped_code: app });
    const arrivals: { seq: number; at: number }[] = [];
    const frames: StreamBuildLogsResponse__Output[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = t.client.StreamBuildLogs({ build_id, from_start: true });
      stream.on('data', (frame: StreamBuildLogsResponse__Output) => {
        frames.push(frame);
        if (frame.line) arrivals.push({ seq: Number(frame.line.seq), at: Date.now() });
      });
      stream.on('error', reject);
      stream.on('end', resolve);
    });
    const build = await t.builds.get(build_id);
    expect(seqs(frames)).toEqual(range(1, Number(build.last_log_seq)));
    expect(statuses(frames)[statuses(frames).length - 1]).toBe('BUILD_STATUS_SUCCEEDED!');
    // With a pause before each of the 9 steps, the first lines reach us well before the build ends.
    expect(arrivals[0]!.at).toBeLessThan(Number(build.finished_at_ms) - 4 * STEP_DELAY_MS);
  });

  it('tails a running build from now and resumes a running build after a seq, losing nothing', async () => {
    const { build_id } = await t.builds.create({ name: 'tail', zipped_code: app });
    let current = await t.builds.get(build_id);
    while (Number(current.last_log_seq) < 3) current = await t.builds.get(build_id);
    const [tail, resumed] = await Promise.all([t.builds.logs({ build_id, from_start: false }), t.builds.logs({ build_id, after_seq: 2 })]);
    const last = Number((await t.builds.get(build_id)).last_log_seq);
    const tailSeqs = seqs(tail);
    expect(tailSeqs[0]).toBeGreaterThanOrEqual(Number(current.last_log_seq) + 1);
    expect(tailSeqs).toEqual(range(tailSeqs[0]!, last));
    expect(seqs(resumed)).toEqual(range(3, last));
    expect(statuses(tail)).toEqual(['BUILD_STATUS_SUCCEEDED!']);
  });

  it('answers NOT_FOUND for an unknown build or one of another organization', async () => {
    const build = await finishedBuild();
    await expect(fast.builds.logs({ build_id: 'bld_unknown', from_start: true })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    const metadata = new grpc.Metadata();
    metadata.set('x-organization-name', 'someone-else');
    await expect(buildApi(fast.client, metadata).logs({ build_id: build.build_id, from_start: true })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
    await expect(fast.builds.logs({ build_id: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('stops serving a stream the client cancels, and keeps serving others', async () => {
    const { build_id } = await t.builds.create({ name: 'cancel-stream', zipped_code: app });
    const stream = t.client.StreamBuildLogs({ build_id, from_start: true });
    const error = new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    await new Promise((resolve) => stream.once('data', resolve));
    stream.cancel();
    expect((await error).code).toBe(grpc.status.CANCELLED);
    const frames = await t.builds.logs({ build_id, from_start: true });
    expect(statuses(frames)[statuses(frames).length - 1]).toBe('BUILD_STATUS_SUCCEEDED!');
  });

  it('delivers a log larger than the transport windows to a reader that pauses, without loss or reordering', async () => {
    const labels = Array.from({ length: 1500 }, (_, i) => `LABEL step.${i}="${'x'.repeat(40)}"`).join('\n');
    const { build_id } = await fast.builds.create({
      name: 'long-log',
      zipped_code: await tarGz({ Dockerfile: `FROM scratch\n${labels}\n` }),
    });
    const build = await waitForBuild(fast.builds, build_id);
    const received: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = fast.client.StreamBuildLogs({ build_id, from_start: true });
      stream.pause();
      setTimeout(() => stream.resume(), 300);
      stream.on('data', (frame: StreamBuildLogsResponse__Output) => frame.line && received.push(Number(frame.line.seq)));
      stream.on('error', reject);
      stream.on('end', resolve);
    });
    expect(received).toEqual(range(1, Number(build.last_log_seq)));
    expect(received.length).toBeGreaterThan(3000);
  });
});
