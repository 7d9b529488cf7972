/**
 * Packing benchmark: our tar.gz packer against `tar czf` on the same tree, in the same run. Time, CPU
 * time and size are medians over several runs, tar and ours in turns, each in its own process that has
 * exited before the next starts (ours in a fresh `node` child, so no run inherits another's warm JIT or
 * heap). Peak memory is the maxRSS of a child process that packs a quarter of the synthetic tree and then
 * all of it, to show memory does not grow with the context.
 *
 *   node dist/bench/pack.js [--quick] [--kind synthetic|small-files|node-modules]   one JSON object on stdout
 *   node dist/bench/pack.js --tree DIR       the same timing on an existing folder (no memory runs)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packContext, planContext } from '../src/packing/index.js';
import { makeTree, TREE_KINDS, type TreeKind } from './pack-trees.js';

export interface PackBenchOptions {
  /** Tiny trees and one run, for a test that keeps this script from rotting. */
  quick: boolean;
  runs?: number;
  /** The generated tree to pack; `synthetic` by default. */
  kind?: TreeKind;
  /** An existing folder to time instead of a generated tree, e.g. a real repository. */
  tree?: string;
  log?: (line: string) => void;
}

interface Timed {
  medianMs: number;
  runsMs: number[];
  /** Median CPU time (user + system, all threads or processes); steadier than wall time on a busy machine. */
  medianCpuMs: number;
  runsCpuMs: number[];
  archiveBytes: number;
}

interface Run {
  ms: number;
  cpuMs: number;
  bytes: number;
}

export interface PackBenchResult {
  kind: TreeKind | 'folder';
  /** incompressibleBytes is null where it is not known (an existing or copied folder). */
  tree: { files: number; bytes: number; incompressibleBytes: number | null };
  threads: 'default';
  /** Load average over the last minute when the runs started and ended. */
  load: [number, number];
  tarCzf: Timed;
  ours: Timed;
  /** ours / tar czf: below 1 means we are faster or smaller. */
  timeRatio: number;
  cpuRatio: number;
  sizeRatio: number;
  memory: { quarterTree: { bytes: number; peakRssBytes: number }; fullTree: { bytes: number; peakRssBytes: number } } | { skipped: string };
}

const MB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** `times` reports the CPU used by the shell's children (tar and its gzip) as `0m1.5s 0m0.2s` lines. */
function childCpuMs(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').at(-1) ?? '';
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return Math.round(seconds.reduce((a, b) => a + b, 0) * 1000);
}

async function timeTarCzf(root: string): Promise<Run> {
  const started = performance.now();
  const child = spawn('sh', ['-c', 'tar -czf - -C "$1" . && times >&2', 'sh', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let times = '';
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on('data', (chunk: Buffer) => (times += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`tar czf exited with ${code}: ${times}`);
  return { ms: performance.now() - started, cpuMs: childCpuMs(times), bytes };
}

/** Walk and pack in this process, as the MCP server does: wall time, and CPU time of all its threads. */
async function timeOursHere(root: string): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const packed = await packContext({ folder: root, allowedRoots: [root] });
  for await (const chunk of packed.stream) void chunk;
  const { packedBytes } = await packed.result;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: Math.round((used.user + used.system) / 1000), bytes: packedBytes };
}

/** The compiled script, which the child processes run; absent when this module runs from TypeScript source. */
function compiledScript(): string | null {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) return self;
  const built = path.resolve(path.dirname(self), '..', 'dist', 'bench', 'pack.js');
  return existsSync(built) ? built : null;
}

interface ChildReport extends Run {
  maxRssBytes: number;
}

async function inChild(script: string, folder: string): Promise<ChildReport> {
  const child = spawn(process.execPath, [script, '--child', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`packing child exited with ${code}`);
  return JSON.parse(out) as ChildReport;
}

/** A fresh process per run where the compiled script exists; in this process otherwise (tests from source). */
function timeOurs(script: string | null, root: string): Promise<Run> {
  return script === null ? timeOursHere(root) : inChild(script, root);
}

const load = () => Number((loadavg()[0] ?? 0).toFixed(2));

export async function runPackBench(options: PackBenchOptions): Promise<PackBenchResult> {
  const log = options.log ?? (() => {});
  const kind = options.kind ?? 'synthetic';
  const runs = options.runs ?? (options.quick ? 1 : 5);
  const root = options.tree ?? (await mkdtemp(path.join(tmpdir(), `ignite-pack-bench-${kind}-`)));
  try {
    log(options.tree ? `measuring ${root}` : `making the ${kind} tree in ${root}`);
    const made = options.tree ? null : await makeTree(kind, root, options.quick);
    const tree = made !== null && made.files > 0 ? made : { ...(await measureTree(root)), incompressibleBytes: null };
    log(`tree: ${tree.files} files, ${(tree.bytes / MB).toFixed(1)} MB`);
    const script = compiledScript();
    const tarRuns: Run[] = [];
    const ourRuns: Run[] = [];
    const loadAtStart = load();
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so a slow spell of the shared machine does not always land on one side.
      if (run % 2 === 0) tarRuns.push(await timeTarCzf(root));
      ourRuns.push(await timeOurs(script, root));
      if (run % 2 === 1) tarRuns.push(await timeTarCzf(root));
      const [tar, ours] = [tarRuns[run], ourRuns[run]];
      log(`run ${run + 1}: tar czf ${tar?.ms.toFixed(0)} ms (cpu ${tar?.cpuMs}), ours ${ours?.ms.toFixed(0)} ms (cpu ${ours?.cpuMs})`);
    }
    const summarise = (list: Run[]): Timed => ({
      medianMs: Math.round(median(list.map((r) => r.ms))),
      runsMs: list.map((r) => Math.round(r.ms)),
      medianCpuMs: median(list.map((r) => r.cpuMs)),
      runsCpuMs: list.map((r) => r.cpuMs),
      archiveBytes: list[0]?.bytes ?? 0,
    });
    const tarCzf = summarise(tarRuns);
    const ours = summarise(ourRuns);
    let memory: PackBenchResult['memory'] = { skipped: 'no compiled dist/bench/pack.js to run in a child process' };
    if (options.tree !== undefined || kind !== 'synthetic') memory = { skipped: 'memory is compared on the synthetic tree only' };
    else if (script !== null) {
      const quarterBytes = tree.bytes / 4;
      memory = {
        quarterTree: { bytes: Math.round(quarterBytes), peakRssBytes: (await inChild(script, path.join(root, 'q0'))).maxRssBytes },
        fullTree: { bytes: tree.bytes, peakRssBytes: (await inChild(script, root)).maxRssBytes },
      };
    }
    return {
      kind: options.tree === undefined ? kind : 'folder',
      tree,
      threads: 'default',
      load: [loadAtStart, load()],
      tarCzf,
      ours,
      timeRatio: Number((ours.medianMs / tarCzf.medianMs).toFixed(3)),
      cpuRatio: Number((ours.medianCpuMs / tarCzf.medianCpuMs).toFixed(3)),
      sizeRatio: Number((ours.archiveBytes / tarCzf.archiveBytes).toFixed(4)),
      memory,
    };
  } finally {
    if (options.tree === undefined) await rm(root, { recursive: true, force: true });
  }
}

/** Every kind of tree in turn, each made, measured and removed before the next is made. */
export async function runPackTrees(options: Omit<PackBenchOptions, 'kind' | 'tree'>): Promise<PackBenchResult[]> {
  const results: PackBenchResult[] = [];
  for (const kind of TREE_KINDS) {
    const log = options.log;
    results.push(await runPackBench({ ...options, kind, ...(log ? { log: (line: string) => log(`${kind}: ${line}`) } : {}) }));
  }
  return results;
}

/** What our packer would send from a folder, so its figures read like a generated tree's. */
async function measureTree(root: string): Promise<{ files: number; bytes: number }> {
  const manifest = await planContext({ folder: root, allowedRoots: [root], measurePackedSize: false });
  return { files: manifest.fileCount, bytes: manifest.totalBytes };
}

function flag(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const child = flag(argv, '--child');
  if (child !== undefined) {
    const run = await timeOursHere(child);
    process.stdout.write(`${JSON.stringify({ ...run, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
    return;
  }
  const tree = flag(argv, '--tree');
  const kind = flag(argv, '--kind');
  if (kind !== undefined && !TREE_KINDS.includes(kind as TreeKind)) throw new Error(`--kind must be one of ${TREE_KINDS.join(', ')}`);
  const result = await runPackBench({
    quick: argv.includes('--quick'),
    ...(tree !== undefined ? { tree: path.resolve(tree) } : {}),
    ...(kind !== undefined ? { kind: kind as TreeKind } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
