/**
 * Where start-up time goes: imports the module groups the ignite-mcp binary loads, in the order
 * it loads them, in one fresh process, and prints how long each group added (what an earlier
 * group already loaded is not paid again). Run by the cold-start benchmark, many times.
 *
 *   node dist/bench/startup-probe.js    prints one JSON array of [label, ms] on stdout
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const PROBE_SCRIPT = fileURLToPath(import.meta.url);

type Step = [label: string, run: () => Promise<unknown>];

const STEPS: Step[] = [
  ['zod', () => import('zod')],
  ['MCP SDK (McpServer, stdio transport)', () => Promise.all([import('@modelcontextprotocol/sdk/server/mcp.js'), import('@modelcontextprotocol/sdk/server/stdio.js')])],
  ['@grpc/grpc-js (imported by the tools through grpc/status.js)', () => import('@grpc/grpc-js')],
  ['our tools, resources and prompts (src/server.js)', () => import('../src/server.js')],
  ['configuration (src/config.js, with yaml)', () => import('../src/config.js')],
  ['@grpc/proto-loader and parsing the four .proto files', async () => (await import('../src/grpc/load.js')).loadIgniteProtos()],
  ['the rest of the gRPC client and the runtime', () => Promise.all([import('../src/grpc/client.js'), import('../src/runtime.js')])],
  ['local Ignite modules (src/local/server.js)', () => import('../src/local/server.js')],
  [
    'starting the local Ignite (in memory, bound to a port)',
    async () => {
      const { startLocalIgnite } = await import('../src/local/server.js');
      return startLocalIgnite();
    },
  ],
];

/** Runs the probe `runs` times, each in a fresh process, and returns the median each group adds. */
export async function probeStartup(runs: number): Promise<Array<[string, number]>> {
  const all: Array<Array<[string, number]>> = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [PROBE_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    all.push(JSON.parse(out) as Array<[string, number]>);
  }
  return STEPS.map(([label], i) => [label, median(all.map((timings) => timings[i]![1]))]);
}

async function main(): Promise<void> {
  const timings: Array<[string, number]> = [];
  let local: { close(): Promise<void> } | undefined;
  for (const [label, run] of STEPS) {
    const started = performance.now();
    const value = await run();
    timings.push([label, performance.now() - started]);
    if (value && typeof value === 'object' && 'close' in value && 'endpoint' in value) local = value as { close(): Promise<void> };
  }
  process.stdout.write(`${JSON.stringify(timings)}\n`);
  await local?.close();
  process.exit(0);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === PROBE_SCRIPT) void main();
