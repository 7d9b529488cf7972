/**
 * Cold start: from spawn to the `initialize` response on stdout, timed with a raw child process
 * (no MCP client in the measurement), every server in turn per round, medians. Ours runs in both
 * modes: embedded (it starts its own local Ignite) and remote (against a local Ignite already up).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INITIALIZE_PARAMS } from './mcp-stdio.js';
import { BIN, cleanEnv, packageBin, startLocalIgniteProcess } from './processes.js';
import { runBundleExperiment } from './bundle-experiment.js';
import { describeColdStart, LABELS, type Target } from './cold-start-report.js';
import type { Section } from './report.js';
import { interleave } from './stats.js';
import { probeStartup } from './startup-probe.js';

const INITIALIZE = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INITIALIZE_PARAMS })}\n`;

/** Milliseconds from spawn to the first stdout line that is the initialize response (or to exit, for bare node). */
async function timeOnce(args: string[], env: NodeJS.ProcessEnv, answers: boolean): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (!answers) {
    await exited;
    return performance.now() - started;
  }
  child.stdin.write(INITIALIZE);
  const elapsed = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const at = performance.now();
      out += chunk.toString();
      for (const line of out.split('\n').slice(0, -1)) {
        if (line.includes('"id":1') && line.includes('"result"')) return resolve(at - started);
      }
    });
    void exited.then((code) => reject(new Error(`${args.join(' ')} exited (${code}) before answering initialize`)));
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  return elapsed;
}

export async function runColdStartBench(options: { quick: boolean; log: (line: string) => void }): Promise<Section> {
  const rounds = options.quick ? 1 : 20;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-cold-'));
  const local = await startLocalIgniteProcess();
  try {
    const env = cleanEnv({ HOME: scratch });
    const commands: Record<Target, () => { args: string[]; env: NodeJS.ProcessEnv }> = {
      // A fresh data dir per run: a cold start finds no state. The local Ignite it may start in the
      // background exits at once when unused (IGNITE_MCP_LOCAL_IDLE_SECS=1) and is stopped below.
      embedded: () => ({
        args: [BIN],
        env: { ...env, IGNITE_MCP_LOCAL_IDLE_SECS: '1', IGNITE_MCP_DATA_DIR: mkdtempSync(path.join(scratch, 'data-')) },
      }),
      remote: () => ({ args: [BIN], env: { ...env, IGNITE_API_ENDPOINT: local.endpoint } }),
      filesystem: () => ({ args: [packageBin('@modelcontextprotocol/server-filesystem'), scratch], env }),
      everything: () => ({ args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'], env }),
      node: () => ({ args: ['-e', ''], env }),
    };
    const targets = Object.keys(LABELS) as Target[];
    const run = (target: Target) => {
      const { args, env: targetEnv } = commands[target]();
      return timeOnce(args, targetEnv, target !== 'node');
    };
    // One untimed round, so every target starts with the same warm file cache.
    if (!options.quick) await interleave(targets, 1, run);
    const samples = await interleave(targets, rounds, async (target, round) => {
      const ms = await run(target);
      if (target === 'embedded') options.log(`cold start round ${round + 1}/${rounds}`);
      return ms;
    });
    options.log('cold start: where the time goes, and what bundling would buy');
    const breakdown = await probeStartup(options.quick ? 1 : 9);
    const bundle = await runBundleExperiment(options.quick ? 1 : 15);
    return describeColdStart({ samples, rounds, breakdown, bundle });
  } finally {
    await local.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
