/**
 * Log streaming: real builds on a local Ignite whose Dockerfiles log ~100,000 lines, read through
 * a subscribed MCP resource and, as the baseline, by a direct gRPC StreamBuildLogs.
 *
 * Two runs, because one cannot show both figures: in a burst (no pause between steps) the builder
 * writes lines faster than anyone reads them, which measures throughput but makes latency the
 * length of the queue; paced (the local Ignite's `buildStepDelayMs` test hook, 1 ms per step)
 * lines arrive at a steady rate and latency is the delivery path alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIgniteClient, type IgniteClient } from '../src/grpc/client.js';
import { createBuild, loggingDockerfile } from './builds.js';
import { calibrateWallClock, firstAtOrAfter, followWithGrpc, followWithMcp, sampleRss } from './log-consumers.js';
import { McpStdio } from './mcp-stdio.js';
import { BIN, cleanEnv, startLocalIgniteProcess, type LocalIgniteProcess } from './processes.js';
import type { Section } from './report.js';
import { interleave, median, summarize, type Summary } from './stats.js';
import { describeLogStreaming } from './log-streaming-report.js';

export interface BurstResult {
  lines: number;
  grpcLinesPerSec: number;
  mcpLinesPerSec: number;
  mcpReads: number;
  mcpNotifications: number;
  rounds: number;
}

export interface PacedResult {
  lines: number;
  measured: number;
  grpc: Summary;
  notified: Summary;
  read: Summary;
  rss: Array<{ second: number; mb: number }>;
  /** Median RSS of the MCP server over the second quarter of the run (after warm-up) and the last. */
  rssSecondQuarterMb: number;
  rssLastQuarterMb: number;
  seconds: number;
}

interface Rig {
  local: LocalIgniteProcess;
  client: IgniteClient;
  mcp: McpStdio;
  close(): Promise<void>;
}

/** A local Ignite, our gRPC client on it, and the MCP server in remote mode pointed at it. */
async function startRig(home: string, limits?: Record<string, number>): Promise<Rig> {
  const local = await startLocalIgniteProcess(limits);
  const client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: 60_000 });
  const mcp = new McpStdio(process.execPath, [BIN], cleanEnv({ HOME: home, IGNITE_API_ENDPOINT: local.endpoint }));
  await mcp.initialize();
  return {
    local,
    client,
    mcp,
    async close() {
      await mcp.close();
      client.close();
      await local.close();
    },
  };
}

async function burst(rig: Rig, steps: number, rounds: number, log: (line: string) => void): Promise<BurstResult> {
  let lines = 0;
  let reads = 0;
  let notifications = 0;
  const rates = await interleave(['grpc', 'mcp'] as const, rounds, async (key, round) => {
    const started = performance.now();
    const buildId = await createBuild(rig.client, `bench-burst-${key}-${round}`, loggingDockerfile(steps));
    let got: number;
    if (key === 'grpc') got = await followWithGrpc(rig.client, buildId, () => {});
    else {
      const result = await followWithMcp(rig.mcp, buildId, () => {});
      got = result.lines;
      reads += result.reads;
      notifications += result.notifications.length;
    }
    const seconds = (performance.now() - started) / 1000;
    lines = got;
    log(`log burst ${key} round ${round + 1}/${rounds}: ${got} lines in ${seconds.toFixed(2)} s`);
    return got / seconds;
  });
  return { lines, grpcLinesPerSec: median(rates.grpc), mcpLinesPerSec: median(rates.mcp), mcpReads: reads / rounds, mcpNotifications: notifications / rounds, rounds };
}

/** One paced build read by both at once, so both see exactly the same lines at the same moments. */
async function paced(rig: Rig, steps: number, log: (line: string) => void): Promise<PacedResult> {
  const wall = calibrateWallClock();
  const emitted: number[] = [];
  const grpcAt: number[] = [];
  const readAt: number[] = [];
  const rss = sampleRss(rig.mcp.pid, 250);
  const started = performance.now();
  const buildId = await createBuild(rig.client, 'bench-paced', loggingDockerfile(steps));
  let grpcAttached = Infinity;
  const [lines, mcpResult] = await Promise.all([
    followWithGrpc(rig.client, buildId, (seq, emittedMs, at) => {
      grpcAttached = Math.min(grpcAttached, at);
      emitted[seq] = emittedMs;
      grpcAt[seq] = wall(at);
    }),
    followWithMcp(rig.mcp, buildId, (fromSeq, toSeq, at) => {
      for (let seq = fromSeq; seq <= toSeq; seq++) readAt[seq] = wall(at);
    }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const samples = rss.stop();
  log(`log paced: ${lines} lines in ${seconds.toFixed(1)} s, ${mcpResult.notifications.length} notifications, ${mcpResult.reads} reads`);

  // Lines emitted before both readers were attached were replayed, not streamed: left out.
  const attached = wall(Math.max(grpcAttached, mcpResult.subscribedAt)) + 5;
  const notifiedWall = mcpResult.notifications.map(wall);
  const grpcLatency: number[] = [];
  const notifiedLatency: number[] = [];
  const readLatency: number[] = [];
  for (let seq = 1; seq <= lines; seq++) {
    const at = emitted[seq];
    if (at === undefined || at < attached) continue;
    grpcLatency.push(grpcAt[seq]! - at);
    readLatency.push(readAt[seq]! - at);
    const first = firstAtOrAfter(notifiedWall, at);
    if (first < notifiedWall.length) notifiedLatency.push(notifiedWall[first]! - at);
  }
  const quarter = (from: number, to: number) =>
    median(samples.filter((s, i) => i >= Math.floor(samples.length * from) && i < Math.ceil(samples.length * to)).map((s) => s.rss));
  return {
    lines,
    measured: grpcLatency.length,
    grpc: summarize(grpcLatency),
    notified: summarize(notifiedLatency),
    read: summarize(readLatency),
    rss: samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 8)) === 0).map((s) => ({ second: (s.at - started) / 1000, mb: s.rss / 1024 / 1024 })),
    rssSecondQuarterMb: quarter(0.25, 0.5) / 1024 / 1024,
    rssLastQuarterMb: quarter(0.75, 1) / 1024 / 1024,
    seconds,
  };
}

export async function runLogStreamingBench(options: { quick: boolean; log: (line: string) => void }): Promise<Section> {
  const steps = options.quick ? 300 : 50_000;
  const home = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-logs-'));
  try {
    const burstRig = await startRig(home);
    const burstResult = await burst(burstRig, steps, options.quick ? 1 : 3, options.log).finally(() => burstRig.close());
    const pacedRig = await startRig(home, { buildStepDelayMs: 1 });
    const pacedResult = await paced(pacedRig, options.quick ? 150 : steps, options.log).finally(() => pacedRig.close());
    return describeLogStreaming(burstResult, pacedResult);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
