/**
 * What bundling would buy at start-up, measured rather than guessed: the MCP SDK (McpServer and
 * the stdio transport) and zod, which every server in the cold-start table loads, imported as the
 * separate ES modules node_modules holds, against the same imports bundled into one minified file.
 * The bundler is rolldown, which this project does not depend on (vitest brings it along); where
 * it cannot be loaded the experiment is skipped, and the cold-start figures do not depend on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { interleave, median } from './stats.js';

export type BundleExperiment = { unbundledMs: number; bundledMs: number; runs: number } | { skipped: string };

interface Rolldown {
  build(options: {
    input: string;
    platform: 'node';
    logLevel: 'silent';
    output: { file: string; format: 'esm'; minify: boolean };
  }): Promise<unknown>;
}

const ENTRY = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
globalThis.__benchKeep = [McpServer, StdioServerTransport, z];
`;

/** Milliseconds to import `file` in a fresh node process, timed inside it (process start excluded). */
function importMs(file: string): number {
  const script = `const t = performance.now(); import(${JSON.stringify(pathToFileURL(file).href)}).then(() => process.stdout.write(String(performance.now() - t)))`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

export async function runBundleExperiment(runs: number): Promise<BundleExperiment> {
  // Inside dist/ so the entry resolves the project's node_modules; dist/ is not committed.
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.bundle-experiment');
  const specifier = 'rolldown';
  const rolldown = (await import(specifier).catch(() => undefined)) as Rolldown | undefined;
  if (!rolldown?.build) return { skipped: 'rolldown is not installed (it comes with vitest, as a transitive dependency)' };
  mkdirSync(dir, { recursive: true });
  try {
    const entry = path.join(dir, 'entry.mjs');
    const bundled = path.join(dir, 'bundled.mjs');
    writeFileSync(entry, ENTRY);
    await rolldown.build({ input: entry, platform: 'node', logLevel: 'silent', output: { file: bundled, format: 'esm', minify: true } });
    const samples = await interleave(['unbundled', 'bundled'] as const, runs, async (key) => importMs(key === 'bundled' ? bundled : entry));
    return { unbundledMs: median(samples.unbundled), bundledMs: median(samples.bundled), runs };
  } catch (err) {
    return { skipped: `the bundle could not be built or loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
