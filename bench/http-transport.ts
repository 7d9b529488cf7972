/**
 * MCP over Streamable HTTP against MCP over stdio, in the same run against the same local Ignite:
 * a tool call (get_build) and a ping in turns on both transports, then the lag of log notifications
 * on both at once, each measured from the moment a direct gRPC follower in this process got the line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBuild, loggingDockerfile, waitForSuccess } from './builds.js';
import { firstAtOrAfter, followWithGrpc } from './log-consumers.js';
import { McpHttp } from './mcp-http.js';
import type { McpStdio, RpcMessage } from './mcp-stdio.js';
import { BIN, cleanEnv, startRig, stopProcess } from './processes.js';
import { fmt, type Section } from './report.js';
import { interleave, round, summarize, type Summary } from './stats.js';

type Path = 'http-tool' | 'stdio-tool' | 'http-ping' | 'stdio-ping';

async function startHttpProcess(home: string, endpoint: string): Promise<{ http: McpHttp; close(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--http', '--http-no-auth', '--port', '0'], {
    env: cleanEnv({ HOME: home, IGNITE_API_ENDPOINT: endpoint }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /serving MCP over HTTP at (\S+)/.exec(stderr)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`HTTP server exited (${code}): ${stderr}`)));
  });
  child.stderr!.resume();
  const http = new McpHttp(url);
  await http.initialize();
  return {
    http,
    close: async () => {
      await http.close();
      await stopProcess(child);
    },
  };
}

/** Arrival times of resources/updated for `uri`. */
function notificationTimes(target: McpHttp | McpStdio, uri: string): number[] {
  const times: number[] = [];
  target.onNotification = (message: RpcMessage, at: number) => {
    if (message.method === 'notifications/resources/updated' && message.params?.uri === uri) times.push(at);
  };
  return times;
}

export async function runHttpTransportBench(options: { quick: boolean; log: (line: string) => void }): Promise<Section> {
  const calls = options.quick ? 20 : 2000;
  const steps = options.quick ? 20 : 400;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-http-'));
  const rig = await startRig(scratch, { buildStepDelayMs: 5 });
  const served = await startHttpProcess(scratch, rig.local.endpoint);
  try {
    const buildId = await createBuild(rig.client, 'bench-http', 'FROM scratch\nENV PORT=8080\nCMD ["/app"]\n');
    await waitForSuccess(rig.client, buildId);
    const timed = async (work: () => Promise<RpcMessage>) => {
      const started = performance.now();
      const reply = await work();
      if (reply.error || reply.result?.isError) throw new Error(`call failed: ${JSON.stringify(reply.error ?? reply.result)}`);
      return performance.now() - started;
    };
    const getBuild = { name: 'get_build', arguments: { build_id: buildId } };
    const paths: Record<Path, () => Promise<number>> = {
      'http-tool': () => timed(() => served.http.request('tools/call', getBuild)),
      'stdio-tool': () => timed(() => rig.mcp.request('tools/call', getBuild)),
      'http-ping': () => timed(() => served.http.request('ping')),
      'stdio-ping': () => timed(() => rig.mcp.request('ping')),
    };
    const keys = Object.keys(paths) as Path[];
    await interleave(keys, Math.ceil(calls / 10), (key) => paths[key]());
    options.log(`http vs stdio: ${calls} calls of each`);
    const samples = await interleave(keys, calls, (key) => paths[key]());
    const summary = Object.fromEntries(keys.map((key) => [key, summarize(samples[key])])) as Record<Path, Summary>;

    // Both transports follow one paced build; lag = notification arrival minus the gRPC follower's arrival of the line.
    const logBuild = await createBuild(rig.client, 'bench-http-logs', loggingDockerfile(steps));
    const uri = `ignite://builds/${logBuild}/logs`;
    const onHttp = notificationTimes(served.http, uri);
    const onStdio = notificationTimes(rig.mcp, uri);
    await Promise.all([served.http.request('resources/subscribe', { uri }), rig.mcp.request('resources/subscribe', { uri })]);
    const grpcArrivals: number[] = [];
    await followWithGrpc(rig.client, logBuild, (_seq, _emitted, at) => grpcArrivals.push(at));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lags = (arrivals: number[]) =>
      grpcArrivals.flatMap((at) => {
        const next = arrivals[firstAtOrAfter(arrivals, at)];
        return next === undefined ? [] : [next - at];
      });
    return describe(summary, calls, summarize(lags(onHttp)), summarize(lags(onStdio)), grpcArrivals.length);
  } finally {
    await served.close();
    await rig.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function describe(s: Record<Path, Summary>, calls: number, httpLag: Summary, stdioLag: Summary, lines: number): Section {
  const row = (label: string, summary: Summary) => [label, `${fmt(summary.median)} ms`, `${fmt(summary.p99)} ms`, `${fmt(summary.min)} ms`];
  return {
    id: 'http-transport',
    title: '5. Streamable HTTP vs stdio',
    method: `One MCP server over stdio and one over Streamable HTTP (\`serve --http --http-no-auth\`, loopback), both the built binary in remote mode against the same local Ignite process. Bare JSON-RPC clients on both (no SDK client): ${calls} calls of \`tools/call get_build\` and of \`ping\` on each, in turns. Then both subscribe to the log of one ${lines}-line build while a direct gRPC follower in the bench process reads it; each line's lag is the time from the gRPC follower's arrival of it to the next \`resources/updated\` on each transport (same clock, same process).`,
    figures: [
      {
        label: 'Tool call get_build: HTTP vs stdio',
        unit: 'ms',
        ours: s['http-tool'].median,
        baseline: s['stdio-tool'].median,
        baselineLabel: 'the same call over stdio',
        ratio: round(s['http-tool'].median / s['stdio-tool'].median, 3),
        target: '(context)',
        met: null,
      },
      {
        label: 'Log notification lag: HTTP vs stdio',
        unit: 'ms',
        ours: httpLag.median,
        baseline: stdioLag.median,
        baselineLabel: 'the same notifications over stdio',
        ratio: round(httpLag.median / stdioLag.median, 3),
        target: '(context)',
        met: null,
      },
    ],
    tables: [
      {
        caption: `Latency, ${calls} calls each; notification lag over ${lines} lines`,
        headers: ['Path', 'Median', 'p99', 'Min'],
        rows: [
          row('get_build over HTTP', s['http-tool']),
          row('get_build over stdio', s['stdio-tool']),
          row('ping over HTTP', s['http-ping']),
          row('ping over stdio', s['stdio-ping']),
          row('log notification lag, HTTP', httpLag),
          row('log notification lag, stdio', stdioLag),
        ],
      },
    ],
    findings: [
      `A call over HTTP costs ${fmt(s['http-ping'].median - s['stdio-ping'].median)} ms more than over stdio at the median (ping), all of it transport: each POST is an HTTP request whose answer comes back as an SSE stream, against one line each way on a pipe. The tool itself costs about the same on both (get_build minus ping: ${fmt(s['http-tool'].median - s['http-ping'].median)} ms over HTTP, ${fmt(s['stdio-tool'].median - s['stdio-ping'].median)} ms over stdio).`,
      `Notifications ride the session's open GET stream, so their lag is close on both (${fmt(httpLag.median)} ms against ${fmt(stdioLag.median)} ms at the median).`,
    ],
  };
}
