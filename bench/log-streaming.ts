/**
 * Log streaming: real builds on a local Ignite whose Dockerfiles log many lines, read through a
 * subscribed MCP resource and, as the baseline, by a direct gRPC StreamBuildLogs.
 *
 * Two kinds of run, because one cannot show both figures: in a burst (no pause between steps,
 * 100,000 lines) the builder writes faster than anyone reads, which measures throughput and
 * memory but makes latency the length of the queue; paced (the local Ignite's `buildStepDelayMs`
 * test hook) lines arrive at a steady rate, so latency is the delivery path alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBuild, loggingDockerfile } from './builds.js';
import { calibrateWallClock, firstAtOrAfter, followWithGrpc, followWithMcp, sampleRss } from './log-consumers.js';
import type { McpStdio } from './mcp-stdio.js';
import { startRig, type Rig } from './processes.js';
import type { Section } from './report.js';
import { interleave, median, summarize, type Summary } from './stats.js';
import { describeLogStreaming, type BurstResult, type PacedResult, type PacedRun } from './log-streaming-report.js';

/** Median time of a resources/read of a finished log from `after`, in turns with the other cursor. */
async function timeReads(mcp: McpStdio, buildId: string, cursors: readonly number[], rounds: number): Promise<number[]> {
  const samples = await interleave(cursors.map(String), rounds, async (after) => {
    const started = performance.now();
    await mcp.request('resources/read', { uri: `ignite://builds/${buildId}/logs?after=${after}` });
    return performance.now() - started;
  });
  return cursors.map((cursor) => median(samples[String(cursor)]!));
}

async function burst(rig: Rig, steps: number, rounds: number, log: (line: string) => void): Promise<BurstResult> {
  let lines = 0;
  let reads = 0;
  let notifications = 0;
  let lastBuild = '';
  const rss: Array<{ at: number; rss: number }> = [];
  const rates = await interleave(['grpc', 'mcp'] as const, rounds, async (key, round) => {
    const started = performance.now();
    const buildId = await createBuild(rig.client, `bench-burst-${key}-${round}`, loggingDockerfile(steps));
    let got: number;
    if (key === 'grpc') got = await followWithGrpc(rig.client, buildId, () => {});
    else {
      const sampler = sampleRss(rig.mcp.pid, 250);
      const result = await followWithMcp(rig.mcp, buildId).finally(() => rss.push(...sampler.stop()));
      got = result.lines;
      reads += result.readMs.length;
      notifications += result.notifications.length;
      lastBuild = buildId;
    }
    const seconds = (performance.now() - started) / 1000;
    lines = got;
    log(`log burst ${key} round ${round + 1}/${rounds}: ${got} lines in ${seconds.toFixed(2)} s`);
    return got / seconds;
  });
  const [readAtStartMs, readAtEndMs] = await timeReads(rig.mcp, lastBuild, [0, Math.max(0, lines - 2000)], rounds * 3);
  const quarter = (from: number, to: number) =>
    median(
      rss.slice(Math.floor(rss.length * from), Math.max(Math.floor(rss.length * from) + 1, Math.ceil(rss.length * to))).map((s) => s.rss),
    ) /
    1024 /
    1024;
  const origin = rss[0]?.at ?? 0;
  return {
    lines,
    rounds,
    grpcLinesPerSec: median(rates.grpc),
    mcpLinesPerSec: median(rates.mcp),
    mcpReads: reads / rounds,
    mcpNotifications: notifications / rounds,
    readAtStartMs: readAtStartMs!,
    readAtEndMs: readAtEndMs!,
    rss: rss
      .filter((_, i) => i % Math.max(1, Math.floor(rss.length / 8)) === 0)
      .map((s) => ({ second: (s.at - origin) / 1000, mb: s.rss / 1024 / 1024 })),
    rssSecondQuarterMb: quarter(0.25, 0.5),
    rssLastQuarterMb: quarter(0.75, 1),
  };
}

/** One paced build read by both readers at once, so both see the same lines at the same moments. */
async function paced(rig: Rig, steps: number, reading: boolean, log: (line: string) => void): Promise<PacedRun> {
  const wall = calibrateWallClock();
  const emitted: number[] = [];
  const grpcAt: number[] = [];
  const readAt: number[] = [];
  const started = performance.now();
  const buildId = await createBuild(rig.client, `bench-paced-${reading ? 'reading' : 'notified'}`, loggingDockerfile(steps));
  let grpcAttached = Infinity;
  const grpcDone = followWithGrpc(rig.client, buildId, (seq, emittedMs, at) => {
    grpcAttached = Math.min(grpcAttached, at);
    emitted[seq] = emittedMs;
    grpcAt[seq] = wall(at);
  });
  const [lines, mcp] = await Promise.all([
    grpcDone,
    followWithMcp(rig.mcp, buildId, {
      onRead: (fromSeq, toSeq, at) => {
        for (let seq = fromSeq; seq <= toSeq; seq++) readAt[seq] = wall(at);
      },
      readAfter: reading ? undefined : grpcDone,
    }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  log(
    `log paced (${reading ? 'reading' : 'notifications only'}): ${lines} lines in ${seconds.toFixed(1)} s, ${mcp.notifications.length} notifications, ${mcp.readMs.length} reads`,
  );

  // Lines written before both readers were attached were replayed, not streamed: left out.
  const attached = wall(Math.max(grpcAttached, mcp.subscribedAt)) + 5;
  const notifiedWall = mcp.notifications.map(wall);
  const grpcLatency: number[] = [];
  const notifiedLatency: number[] = [];
  const readLatency: number[] = [];
  for (let seq = 1; seq <= lines; seq++) {
    const at = emitted[seq];
    if (at === undefined || at < attached) continue;
    grpcLatency.push(grpcAt[seq]! - at);
    if (reading) readLatency.push(readAt[seq]! - at);
    const first = firstAtOrAfter(notifiedWall, at);
    if (first < notifiedWall.length) notifiedLatency.push(notifiedWall[first]! - at);
  }
  return {
    lines,
    measured: grpcLatency.length,
    grpc: summarize(grpcLatency),
    notified: summarize(notifiedLatency),
    inHand: reading ? summarize(readLatency) : undefined,
    notifications: mcp.notifications.length,
    reads: mcp.readMs.length,
    seconds,
  };
}

/** Steps far enough apart that a line's notification is not confused with the previous step's. */
const PACED_STEP_DELAY_MS = 5;
/**
 * A client reading on every notification makes one read per step, and each read of a running
 * build cancels a StreamBuildLogs; the local Ignite's HTTP/2 server (nghttp2) ends the whole
 * connection after about 1,000 client resets in a burst (33 a second after that). The reading run
 * stays under that budget; the finding is reported with the figures.
 */
export const READING_STEPS = 400;

export async function runLogStreamingBench(options: { quick: boolean; log: (line: string) => void }): Promise<Section> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-logs-'));
  try {
    const burstRig = await startRig(home);
    const burstResult = await burst(burstRig, options.quick ? 300 : 50_000, options.quick ? 1 : 3, options.log).finally(() =>
      burstRig.close(),
    );
    const pacedRig = await startRig(home, { buildStepDelayMs: PACED_STEP_DELAY_MS });
    const pacedResult = await (async (): Promise<PacedResult> => ({
      stepDelayMs: PACED_STEP_DELAY_MS,
      notifyOnly: await paced(pacedRig, options.quick ? 40 : 6_000, false, options.log),
      reading: await paced(pacedRig, options.quick ? 40 : READING_STEPS, true, options.log),
    }))().finally(() => pacedRig.close());
    return describeLogStreaming(burstResult, pacedResult);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
