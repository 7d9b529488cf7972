/**
 * Where the time of a container build through the local Ignite goes (issue 11's ≤ 1.1× target):
 * the same no-cache build through the local Ignite and with `podman build`, in turns, with the
 * phases of ours read from its own build log (server timestamps, same process as the client).
 *
 *   node dist/bench/build-phases.js [--rounds N]
 *
 * Not part of `npm run bench`: a tool for looking into the containers section's build figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIgniteClient } from '../src/client/client.js';
import { importTar, packHostRootfs } from '../src/local/engines/base-image.js';
import { resetStore } from '../src/local/engines/container-engine.js';
import { selectEngine } from '../src/local/engines/detect.js';
import { startLocalIgnite } from '../src/local/server.js';
import { createLogger } from '../src/shared/log.js';
import { BUSYBOX, directoryArchive, ENV, writeContext } from './containers.js';
import { interleave, median } from './stats.js';

const PHASES = [
  'request → RUNNING',
  'RUNNING → context ready',
  'context ready → engine 1st line',
  'engine 1st → last line',
  'engine last line → SUCCEEDED',
  'SUCCEEDED → client sees it',
] as const;

async function main(argv: readonly string[]): Promise<void> {
  const at = argv.indexOf('--rounds');
  const rounds = at >= 0 ? Number(argv[at + 1]) : 7;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-phases-'));
  const storeDir = path.join(scratch, 'engine');
  const selected = await selectEngine('podman', { storeDir, env: ENV });
  const podman = selected.engine;
  if (!podman) throw new Error('no podman');
  const tarFile = path.join(scratch, 'busybox.tar');
  const made = await packHostRootfs('busybox', { searchPath: ENV.PATH, caBundle: '/etc/ssl/certs/ca-certificates.crt' }, tarFile, ENV);
  await importTar(podman, tarFile, BUSYBOX, made.changes);
  // The local Ignite's own debug line per build: how long each phase took, server side.
  const serverPhases: Record<string, number[]> = {};
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      const match = / debug: build \S+ phases (\{.*\})/.exec(line);
      if (!match) return;
      for (const [phase, ms] of Object.entries(JSON.parse(match[1]!) as Record<string, number>)) (serverPhases[phase] ??= []).push(ms);
    },
  });
  const ignite = await startLocalIgnite({ engine: 'podman', engineStoreDir: storeDir, engineEnv: ENV, logger });
  const client = createIgniteClient({ endpoint: ignite.endpoint, insecure: true, deadlineMs: 600_000 });
  const context = path.join(scratch, 'context');
  writeContext(context, 150_000);
  const archive = await directoryArchive(context);
  const phases: Record<string, number[]> = Object.fromEntries(PHASES.map((p) => [p, []]));
  const engineParts = { start: [] as number[], lines: [] as number[], end: [] as number[] };
  try {
    const run = {
      ours: async (i: number) => {
        const started = Date.now();
        const t0 = performance.now();
        const { build_id } = await client.createBuild({ name: 'phases', tags: [`r${i}`], zipped_code: archive, no_cache: true });
        const marks: Record<string, number> = {};
        let firstEngine = 0;
        let lastEngine = 0;
        let seen = 0;
        for await (const frame of client.streamBuildLogs({ build_id, from_start: true, after_seq: 0 })) {
          const line = frame.line;
          if (line && line.text) {
            const ts = Number(line.timestamp_ms);
            if (line.text.startsWith('Sending build context')) marks.ready = ts;
            else if (line.stream !== 'system' && marks.ready !== undefined) {
              firstEngine ||= ts;
              lastEngine = ts;
            }
          }
          if (frame.status) {
            const ts = Number(frame.status.at_ms);
            if (frame.status.status === 'BUILD_STATUS_RUNNING') marks.running = ts;
            if (frame.status.terminal) {
              marks.succeeded = ts;
              seen = Date.now();
              if (frame.status.status !== 'BUILD_STATUS_SUCCEEDED')
                throw new Error(`build ended ${frame.status.status}: ${frame.status.error}`);
              break;
            }
          }
        }
        const elapsed = performance.now() - t0;
        if (i >= 0) {
          const values = [
            marks.running! - started,
            marks.ready! - marks.running!,
            firstEngine - marks.ready!,
            lastEngine - firstEngine,
            marks.succeeded! - lastEngine,
            seen - marks.succeeded!,
          ];
          PHASES.forEach((p, k) => phases[p]!.push(values[k]!));
        }
        return elapsed;
      },
      engine: async (i: number) => {
        const started = Date.now();
        const t0 = performance.now();
        let first = 0;
        let last = 0;
        await podman.checked(['build', '--pull=never', '--no-cache', '--format', 'docker', '-t', `localhost/bench/direct:r${i}`, context], {
          onLine: () => {
            first ||= Date.now();
            last = Date.now();
          },
        });
        const elapsed = performance.now() - t0;
        if (i >= 0) {
          engineParts.start.push(first - started);
          engineParts.lines.push(last - first);
          engineParts.end.push(Date.now() - last);
        }
        return elapsed;
      },
    };
    await run.ours(-1);
    await run.engine(-1);
    for (const key of Object.keys(serverPhases)) delete serverPhases[key];
    const samples = await interleave(['ours', 'engine'] as const, rounds, (key, i) => run[key](i));
    const ours = median(samples.ours);
    const engine = median(samples.engine);
    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(
      `rounds ${rounds}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    out(`ours   median ${ours.toFixed(0)} ms  [${samples.ours.map((v) => v.toFixed(0)).join(' ')}]`);
    out(`engine median ${engine.toFixed(0)} ms  [${samples.engine.map((v) => v.toFixed(0)).join(' ')}]`);
    out(`ratio ${(ours / engine).toFixed(3)}, overhead ${(ours - engine).toFixed(0)} ms`);
    for (const p of PHASES) out(`  ours ${p.padEnd(34)} median ${median(phases[p]!).toFixed(0).padStart(5)} ms  [${phases[p]!.join(' ')}]`);
    for (const [phase, values] of Object.entries(serverPhases))
      out(`  server ${phase.padEnd(20)} median ${median(values).toFixed(0).padStart(5)} ms  [${values.join(' ')}]`);
    out(
      `  podman build: spawn → 1st line ${median(engineParts.start).toFixed(0)} ms, 1st → last line ${median(engineParts.lines).toFixed(0)} ms, last line → exit ${median(engineParts.end).toFixed(0)} ms`,
    );
  } finally {
    client.close();
    await ignite.close();
    await resetStore(podman).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
