/**
 * Packing benchmark: our tar.gz packer against `tar czf` on the same generated tree, in the same run.
 * Time and size are medians over several runs; peak memory is the maxRSS of a child process that packs a
 * quarter of the tree and then all of it, to show memory does not grow with the context.
 *
 *   node dist/bench/pack.js [--quick]        prints one JSON object on stdout
 *   node dist/bench/pack.js --tree DIR       the same timing on an existing folder (no memory runs)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packContext, planContext } from '../src/packing/index.js';

export interface PackBenchOptions {
  /** A tiny tree and one run, for a test that keeps this script from rotting. */
  quick: boolean;
  runs?: number;
  /** An existing folder to time instead of a generated tree, e.g. a real repository. */
  tree?: string;
  log?: (line: string) => void;
}

interface Timed {
  medianMs: number;
  runsMs: number[];
  /** Median CPU time (user + system, all threads or processes); steadier than wall time on a busy machine. */
  medianCpuMs: number;
  archiveBytes: number;
}

interface Run {
  ms: number;
  cpuMs: number;
  bytes: number;
}

export interface PackBenchResult {
  /** incompressibleBytes is null for an existing folder, where it is not known. */
  tree: { files: number; bytes: number; incompressibleBytes: number | null };
  threads: 'default';
  tarCzf: Timed;
  ours: Timed;
  /** ours / tar czf: below 1 means we are faster or smaller. */
  timeRatio: number;
  cpuRatio: number;
  sizeRatio: number;
  memory: { quarterTree: { bytes: number; peakRssBytes: number }; fullTree: { bytes: number; peakRssBytes: number } } | { skipped: string };
}

const MB = 1024 * 1024;

/** Deterministic text with a source-code-like vocabulary, so it compresses about as well as real code. */
function textGenerator(seed: number): (bytes: number) => string {
  let state = seed >>> 0;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const words = Array.from({ length: 3000 }, (_, i) => `${['get', 'set', 'load', 'user', 'item', 'ctx'][i % 6]}${i.toString(36)}`);
  return (bytes) => {
    const lines: string[] = [];
    let size = 0;
    while (size < bytes) {
      const indent = ' '.repeat(2 * Math.floor(next() * 4));
      const count = 3 + Math.floor(next() * 8);
      const line = `${indent}${Array.from({ length: count }, () => words[Math.floor(next() * words.length)]).join(' ')};\n`;
      lines.push(line);
      size += line.length;
    }
    return lines.join('').slice(0, bytes);
  };
}

/** Four quarters (q0..q3) of mixed small text files, larger text files and random binaries. */
export async function generateTree(root: string, quick: boolean): Promise<PackBenchResult['tree']> {
  const text = textGenerator(42);
  const perQuarter = quick
    ? { small: 50, mediumText: 2, random: 2, mediumBytes: 64 * 1024, randomBytes: 64 * 1024 }
    : { small: 2450, mediumText: 25, random: 50, mediumBytes: 700 * 1024, randomBytes: 400 * 1024 };
  const tree = { files: 0, bytes: 0, incompressibleBytes: 0 };
  const put = async (rel: string, data: string | Uint8Array, incompressible = false) => {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    tree.files += 1;
    tree.bytes += data.length;
    if (incompressible) tree.incompressibleBytes += data.length;
  };
  await put('Dockerfile', 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "q0/src/main.js"]\n');
  for (let q = 0; q < 4; q++) {
    for (let i = 0; i < perQuarter.small; i++) {
      await put(`q${q}/src/mod${i % 40}/file${i}.js`, text(1024 + ((i * 7919) % 11_264)));
    }
    for (let i = 0; i < perQuarter.mediumText; i++) await put(`q${q}/data/table${i}.csv`, text(perQuarter.mediumBytes));
    for (let i = 0; i < perQuarter.random; i++) await put(`q${q}/assets/blob${i}.bin`, randomBytes(perQuarter.randomBytes), true);
  }
  return tree;
}

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

async function timeOurs(root: string): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const packed = await packContext({ folder: root, allowedRoots: [root] });
  for await (const chunk of packed.stream) void chunk;
  const { packedBytes } = await packed.result;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: Math.round((used.user + used.system) / 1000), bytes: packedBytes };
}

/** The compiled script, which the memory child runs; absent when this module runs from TypeScript source. */
function compiledScript(): string | null {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) return self;
  const built = path.resolve(path.dirname(self), '..', 'dist', 'bench', 'pack.js');
  return existsSync(built) ? built : null;
}

async function childPeakRss(script: string, folder: string): Promise<number> {
  const child = spawn(process.execPath, [script, '--child', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`memory child exited with ${code}`);
  return (JSON.parse(out) as { maxRssBytes: number }).maxRssBytes;
}

export async function runPackBench(options: PackBenchOptions): Promise<PackBenchResult> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const root = options.tree ?? (await mkdtemp(path.join(tmpdir(), 'ignite-pack-bench-')));
  try {
    log(options.tree ? `measuring ${root}` : `generating tree in ${root}`);
    const tree = options.tree ? await measureTree(root) : await generateTree(root, options.quick);
    log(`tree: ${tree.files} files, ${(tree.bytes / MB).toFixed(1)} MB`);
    const tarRuns: Run[] = [];
    const ourRuns: Run[] = [];
    for (let run = 0; run < runs; run++) {
      tarRuns.push(await timeTarCzf(root));
      ourRuns.push(await timeOurs(root));
      const [tar, ours] = [tarRuns[run], ourRuns[run]];
      log(`run ${run + 1}: tar czf ${tar?.ms.toFixed(0)} ms (cpu ${tar?.cpuMs}), ours ${ours?.ms.toFixed(0)} ms (cpu ${ours?.cpuMs})`);
    }
    const summarise = (list: Run[]): Timed => ({
      medianMs: Math.round(median(list.map((r) => r.ms))),
      runsMs: list.map((r) => Math.round(r.ms)),
      medianCpuMs: median(list.map((r) => r.cpuMs)),
      archiveBytes: list[0]?.bytes ?? 0,
    });
    const tarCzf = summarise(tarRuns);
    const ours = summarise(ourRuns);
    const script = compiledScript();
    let memory: PackBenchResult['memory'] = { skipped: 'no compiled dist/bench/pack.js to run in a child process' };
    if (options.tree !== undefined) memory = { skipped: 'memory is compared on generated trees only' };
    else if (script !== null) {
      const quarterBytes = tree.bytes / 4;
      memory = {
        quarterTree: { bytes: Math.round(quarterBytes), peakRssBytes: await childPeakRss(script, path.join(root, 'q0')) },
        fullTree: { bytes: tree.bytes, peakRssBytes: await childPeakRss(script, root) },
      };
    }
    return {
      tree,
      threads: 'default',
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

/** What our packer would send from an existing folder, so its figures read like a generated tree's. */
async function measureTree(root: string): Promise<PackBenchResult['tree']> {
  const manifest = await planContext({ folder: root, allowedRoots: [root], measurePackedSize: false });
  return { files: manifest.fileCount, bytes: manifest.totalBytes, incompressibleBytes: null };
}

async function main(argv: string[]): Promise<void> {
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) {
    const folder = argv[childAt + 1] as string;
    await timeOurs(folder);
    process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
    return;
  }
  const treeAt = argv.indexOf('--tree');
  const result = await runPackBench({
    quick: argv.includes('--quick'),
    ...(treeAt >= 0 ? { tree: path.resolve(argv[treeAt + 1] as string) } : {}),
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
