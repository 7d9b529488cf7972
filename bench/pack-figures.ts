/**
 * Turns bench/pack.ts's result into report figures. The result's shape is restated here rather
 * than imported, so this runner still compiles where the packing bench is not there yet.
 */
import { availableParallelism } from 'node:os';
import { fmt, type Figure, type Table } from './report.js';
import { ratio } from './stats.js';

interface Timed {
  medianMs: number;
  runsMs: number[];
  archiveBytes: number;
}

export interface PackBenchResult {
  tree: { files: number; bytes: number; incompressibleBytes: number };
  tarCzf: Timed;
  ours: Timed;
  timeRatio: number;
  sizeRatio: number;
  memory: { quarterTree: { bytes: number; peakRssBytes: number }; fullTree: { bytes: number; peakRssBytes: number } } | { skipped: string };
}

const MB = 1024 * 1024;
/** Four times the data may cost this much more peak memory and still count as not growing with it. */
const FLAT_MEMORY_RATIO = 1.25;
/** "At a comparable size": our archive may be this much larger than tar czf's. */
const COMPARABLE_SIZE_RATIO = 1.1;

export function packFigures(result: PackBenchResult): { figures: Figure[]; table: Table; findings: string[]; method: string } {
  const figures: Figure[] = [
    {
      label: 'Packing: time to pack the tree (tar.gz)',
      unit: 'ms',
      ours: result.ours.medianMs,
      baseline: result.tarCzf.medianMs,
      baselineLabel: '`tar czf`',
      ratio: ratio(result.ours.medianMs, result.tarCzf.medianMs),
      target: '≤ 1× (at least as fast)',
      met: result.ours.medianMs <= result.tarCzf.medianMs,
    },
    {
      label: 'Packing: archive size',
      unit: 'MB',
      ours: result.ours.archiveBytes / MB,
      baseline: result.tarCzf.archiveBytes / MB,
      baselineLabel: '`tar czf`',
      ratio: ratio(result.ours.archiveBytes, result.tarCzf.archiveBytes),
      target: `≤ ${COMPARABLE_SIZE_RATIO}× (comparable)`,
      met: result.ours.archiveBytes <= result.tarCzf.archiveBytes * COMPARABLE_SIZE_RATIO,
    },
  ];
  const findings: string[] = [];
  const rows = [
    [
      'Time (median)',
      `${fmt(result.ours.medianMs)} ms (runs ${result.ours.runsMs.join(', ')})`,
      `${fmt(result.tarCzf.medianMs)} ms (runs ${result.tarCzf.runsMs.join(', ')})`,
      `${fmt(result.timeRatio)}×`,
    ],
    ['Archive size', `${fmt(result.ours.archiveBytes / MB)} MB`, `${fmt(result.tarCzf.archiveBytes / MB)} MB`, `${fmt(result.sizeRatio)}×`],
  ];
  if ('quarterTree' in result.memory) {
    const { quarterTree, fullTree } = result.memory;
    const growth = ratio(fullTree.peakRssBytes, quarterTree.peakRssBytes);
    figures.push({
      label: 'Packing: peak memory, whole tree vs a quarter of it',
      unit: 'MB',
      ours: fullTree.peakRssBytes / MB,
      baseline: quarterTree.peakRssBytes / MB,
      baselineLabel: 'packing a quarter of the tree',
      ratio: growth,
      target: `≤ ${FLAT_MEMORY_RATIO}× for 4× the data (flat)`,
      met: growth <= FLAT_MEMORY_RATIO,
    });
    rows.push([
      'Peak RSS of a packing process',
      `${fmt(fullTree.peakRssBytes / MB)} MB for ${fmt(fullTree.bytes / MB)} MB`,
      `${fmt(quarterTree.peakRssBytes / MB)} MB for ${fmt(quarterTree.bytes / MB)} MB`,
      `${fmt(growth)}×`,
    ]);
  } else {
    findings.push(`Packing memory not measured: ${result.memory.skipped}.`);
  }
  if (result.ours.medianMs > result.tarCzf.medianMs) {
    findings.push(
      `Packing is ${fmt(result.timeRatio)}× the time of \`tar czf\`. What limits it: deflate runs in JavaScript (fflate, about half the speed of native gzip on text, as src/packing/deflate-pool.ts notes), spread over one worker thread per core, and this machine has ${availableParallelism()} cores, shared with the rest of the run; tar's gzip is native. What would fix it: more cores to spread over, or deflating with node:zlib (native) per segment instead of fflate, which keeps the segmenting but changes the packer (src/packing/, not this bench).`,
    );
  }
  return {
    figures,
    table: { caption: 'Packing (from bench/pack.ts)', headers: ['', 'Ours', '`tar czf`', 'Ratio'], rows },
    findings,
    method: `Packing (bench/pack.ts, another engineer's bench, called as is): a generated tree of ${fmt(result.tree.files)} files and ${fmt(result.tree.bytes / MB)} MB (${fmt(result.tree.incompressibleBytes / MB)} MB incompressible) is packed by our packer and by \`tar czf\` in turns, ${result.ours.runsMs.length} runs each; peak memory is the max RSS of a child process packing a quarter of the tree, then all of it.`,
  };
}
