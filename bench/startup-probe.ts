/**
 * Where start-up time goes: imports the module groups the ignite-mcp binary loads, in the order
 * it loads them, in one fresh process, and prints how long each group added (what an earlier
 * group already loaded is not paid again). Run by the cold-start benchmark, many times.
 *
 *   node dist/bench/startup-probe.js    prints one JSON array of milliseconds, one per step, on stdout
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const PROBE_SCRIPT = fileURLToPath(import.meta.url);

export type StepId = 'zod' | 'sdk' | 'grpc-js' | 'server' | 'config' | 'protos' | 'client' | 'local-modules' | 'local-start';

export interface StepTiming {
  id: StepId;
  label: string;
  /** Whether the binary still does this before answering initialize. */
  beforeInitialize: boolean;
  ms: number;
}

type Step = Omit<StepTiming, 'ms'> & { run: () => Promise<unknown> };

const STEPS: Step[] = [
  { id: 'zod', label: 'zod', beforeInitialize: true, run: () => import('zod') },
  {
    id: 'sdk',
    label: 'MCP SDK (McpServer, stdio transport)',
    beforeInitialize: true,
    run: () => Promise.all([import('@modelcontextprotocol/sdk/server/mcp.js'), import('@modelcontextprotocol/sdk/server/stdio.js')]),
  },
  {
    id: 'server',
    label: 'our tools, resources and prompts (src/server.js)',
    beforeInitialize: true,
    run: () => import('../src/mcp/server.js'),
  },
  {
    id: 'config',
    label: 'configuration (src/config.js; yaml only when a config file exists)',
    beforeInitialize: true,
    run: () => import('../src/config/config.js'),
  },
  { id: 'grpc-js', label: '@grpc/grpc-js (first loaded by the client)', beforeInitialize: false, run: () => import('@grpc/grpc-js') },
  {
    id: 'protos',
    label: '@grpc/proto-loader and parsing the four .proto files',
    beforeInitialize: false,
    run: async () => (await import('../src/contract/load.js')).loadIgniteProtos(),
  },
  {
    id: 'client',
    label: 'the rest of the gRPC client and the runtime',
    beforeInitialize: false,
    run: () => Promise.all([import('../src/client/client.js'), import('../src/mcp/runtime.js')]),
  },
  {
    id: 'local-modules',
    label: 'local Ignite modules (src/local/server.js)',
    beforeInitialize: false,
    run: () => import('../src/local/server.js'),
  },
  {
    id: 'local-start',
    label: 'starting the local Ignite (in memory, bound to a port)',
    beforeInitialize: false,
    run: async () => (await import('../src/local/server.js')).startLocalIgnite(),
  },
];

/** Runs the probe `runs` times, each in a fresh process, and returns the median each group adds. */
export async function probeStartup(runs: number): Promise<StepTiming[]> {
  const all: number[][] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [PROBE_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    all.push(JSON.parse(out) as number[]);
  }
  return STEPS.map(({ run: _run, ...step }, i) => ({ ...step, ms: median(all.map((timings) => timings[i]!)) }));
}

async function main(): Promise<void> {
  const timings: number[] = [];
  let local: { close(): Promise<void> } | undefined;
  for (const { run } of STEPS) {
    const started = performance.now();
    const value = await run();
    timings.push(performance.now() - started);
    if (value && typeof value === 'object' && 'close' in value && 'endpoint' in value) local = value as { close(): Promise<void> };
  }
  process.stdout.write(`${JSON.stringify(timings)}\n`);
  await local?.close();
  process.exit(0);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === PROBE_SCRIPT) void main();
