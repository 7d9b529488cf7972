/**
 * The benchmark runner behind `npm run bench`.
 *
 *   node dist/bench/run.js [--quick] [--only cold-start,tool-overhead,log-streaming,pack-upload,http-transport,containers]
 *                          [--out FILE.md] [--json FILE.json]
 *
 * A full run of every section writes BENCHMARKS.md at the repository root; a quick or partial run
 * writes under bench/out/ (ignored by git) unless told otherwise, so it never replaces the real
 * figures. Progress goes to stderr, the report path to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runColdStartBench } from './cold-start.js';
import { runHttpTransportBench } from './http-transport.js';
import { runContainersBench } from './containers.js';
import { runLogStreamingBench } from './log-streaming.js';
import { runPackUploadBench } from './pack-upload.js';
import { describeMachine, renderMarkdown, type BenchReport, type Section } from './report.js';
import { runToolOverheadBench } from './tool-overhead.js';

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

const SECTIONS: Record<string, { title: string; run: (options: BenchOptions) => Promise<Section> }> = {
  'cold-start': { title: '1. Cold start', run: runColdStartBench },
  'tool-overhead': { title: '2. Tool-call overhead', run: runToolOverheadBench },
  'log-streaming': { title: '3. Log streaming', run: runLogStreamingBench },
  'pack-upload': { title: '4. Packing and upload', run: runPackUploadBench },
  'http-transport': { title: '5. Streamable HTTP vs stdio', run: runHttpTransportBench },
  containers: { title: '6. Container engine', run: runContainersBench },
};
export const SECTION_IDS = Object.keys(SECTIONS);

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runBenchmarks(ids: readonly string[], options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const machine = describeMachine();
  const sections: Section[] = [];
  for (const id of ids) {
    const section = SECTIONS[id]!;
    options.log(`== ${section.title}`);
    try {
      sections.push(await section.run(options));
    } catch (err) {
      // One broken section must not hide the others' figures; the runner still exits non-zero.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      options.log(`${id} failed: ${message}`);
      sections.push({
        id,
        title: section.title,
        method: '',
        figures: [],
        tables: [],
        findings: [],
        unavailable: `failed: ${message.split('\n')[0]}`,
      });
    }
  }
  return {
    date: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine,
    seconds: (performance.now() - started) / 1000,
    sections,
  };
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const only = flag(argv, '--only')
    ?.split(',')
    .map((id) => id.trim());
  const unknown = only?.filter((id) => !SECTIONS[id]);
  if (unknown?.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${SECTION_IDS.join(', ')}`);
  const ids = only ?? SECTION_IDS;
  const complete = !quick && ids.length === SECTION_IDS.length;
  const suffix = quick ? 'quick' : complete ? '' : 'partial';
  const out = path.resolve(
    flag(argv, '--out') ?? (complete ? path.join(REPO, 'BENCHMARKS.md') : path.join(REPO, 'bench', 'out', `BENCHMARKS.${suffix}.md`)),
  );
  const json = path.resolve(flag(argv, '--json') ?? path.join(REPO, 'bench', 'out', `results${suffix ? `.${suffix}` : ''}.json`));

  const report = await runBenchmarks(ids, { quick, log: (line) => process.stderr.write(`${line}\n`) });
  for (const file of [out, json]) mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(out, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${out}\n${json}\n`);
  if (report.sections.some((section) => section.unavailable?.startsWith('failed'))) process.exitCode = 1;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
