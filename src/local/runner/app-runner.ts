import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../shared/log.js';
import type { ImageRecord } from '../images.js';
import { RpcError } from '../rpc/errors.js';
import type { LocalStore } from '../store.js';
import { BuildJournal } from '../builder/journal.js';
import type { ContainerEngine } from '../engines/container-engine.js';
import { LABELS } from '../engines/engine-choice.js';
import { failedPrecondition } from '../rpc/errors.js';
import { AppContainer } from './app-container.js';
import { APP_LOGS } from './app-logs.js';
import { AppProcess } from './app-process.js';
import type { RunningApp } from './running-app.js';
import { checkImageUser, hostCommandFor } from './command.js';
import { containerPortsOf } from './ports.js';
import { parentDeathLauncher } from './parent-death.js';
import { APP_MARKER_VARIABLE, ProcessLedger } from './process-ledger.js';

/** What to run in a slot. */
export interface RunTarget {
  /** One process per slot at a time, e.g. "acme/shop@draft" or "acme/shop@v3". */
  slot: string;
  /** Whatever shapes the process (image digest, env, ports, health path); a change restarts the slot. */
  fingerprint: string;
  image: ImageRecord;
  imageRef: string;
  appEnv: Record<string, string>;
  /** The app's container ports; empty means the platform default. */
  ports: number[];
  healthPath: string;
  /** The tier's memory and CPU (enforced by a container engine; recorded only by the process engine). */
  limits: { memory_mb: number; cpu_millicores: number };
}

export interface AppRunnerOptions {
  store: LocalStore;
  logger: Logger;
  startTimeoutMs: number;
  /** Where the host's interpreters are found when the image has none (LocalServiceDeps.hostEnv.PATH). */
  hostPath: string;
  /** How long a process gets between SIGTERM and SIGKILL. */
  stopGraceMs?: number;
  /** Runs apps as containers of this engine; without one, as host processes (the process engine). */
  engine?: ContainerEngine;
  /** Labels every container of this local Ignite carries (data directory, daemon). */
  engineLabels?: Readonly<Record<string, string>>;
}

/**
 * The local stand-in for the platform's pods: at most one host process per slot, started on
 * demand and reused while its fingerprint holds. Work on a slot is serialized, so concurrent
 * invocations of a cold app share one start instead of racing several.
 */
export class AppRunner {
  private readonly processes = new Map<string, { fingerprint: string; process: RunningApp }>();
  private readonly appLogs: BuildJournal;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly closing = new AbortController();
  /** Pids and markers of every app process, so none outlives the local Ignite (process-ledger.ts). */
  private readonly ledger: ProcessLedger;
  private readonly launcher: readonly string[] | undefined;

  constructor(private readonly options: AppRunnerOptions) {
    this.ledger = new ProcessLedger(options.store);
    // This process holds the data directory: app processes and run folders of an earlier run are leftovers.
    const leftovers = this.ledger.sweepLeftovers();
    if (leftovers > 0) options.logger.warn(`stopped ${leftovers} app process(es) left running by an earlier run of the local Ignite`);
    const runs = path.dirname(options.store.filePath('runs', 'probe'));
    for (const name of readdirSync(runs)) rmSync(path.join(runs, name), { recursive: true, force: true });
    this.launcher = parentDeathLauncher(options.hostPath);
    this.appLogs = new BuildJournal(options.store, APP_LOGS);
  }

  /** The slot's healthy process, started (or restarted) as needed. Throws FAILED_PRECONDITION when the image cannot run here. */
  ensure(target: RunTarget): Promise<RunningApp> {
    return this.serialize(target.slot, async () => {
      const current = this.processes.get(target.slot);
      if (current?.fingerprint === target.fingerprint && current.process.alive) return current.process;
      if (current) await this.stopNow(target.slot);
      const process = await this.start(target);
      this.processes.set(target.slot, { fingerprint: target.fingerprint, process });
      return process;
    });
  }

  /** The slot's process if one is running; never starts one. */
  running(slot: string): RunningApp | undefined {
    const current = this.processes.get(slot)?.process;
    return current?.alive ? current : undefined;
  }

  stop(slot: string): Promise<void> {
    return this.serialize(slot, () => this.stopNow(slot));
  }

  /** Stops every process; nothing is left running. Starts still waiting for health are cut short. */
  async shutdown(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.queues.values()]);
    await Promise.allSettled([...this.processes.keys()].map((slot) => this.stopNow(slot)));
    // Children that left their app's process group (setsid) are found by their marker.
    this.ledger.killAll();
  }

  private async start(target: RunTarget): Promise<RunningApp> {
    if (this.closing.signal.aborted) throw new RpcError(grpc.status.UNAVAILABLE, 'the local Ignite is shutting down');
    if (this.options.engine) return this.startContainer(target, this.options.engine);
    if (target.image.engine) {
      throw failedPrecondition(
        `image ${target.imageRef} lives in the ${target.image.engine} store, and this local Ignite runs the process engine; start it with --engine ${target.image.engine} (IGNITE_MCP_ENGINE), or rebuild the image`,
      );
    }
    checkImageUser(target.image, target.imageRef);
    const command = hostCommandFor(target.image, target.imageRef, this.options.hostPath);
    const { PATH: _imagePath, ...imageEnv } = target.image.config.env;
    const runId = randomUUID();
    const runDir = this.options.store.filePath('runs', runId);
    mkdirSync(runDir, { recursive: true });
    const started = AppProcess.start({
      label: target.slot,
      command,
      env: { ...imageEnv, ...target.appEnv, [APP_MARKER_VARIABLE]: this.ledger.marker(runId, target.slot) },
      launcher: this.launcher,
      onSpawn: (pid) => this.ledger.record(pid, runId, target.slot),
      onExit: (pid) => this.ledger.finish(pid, runId),
      containerPorts: containerPortsOf(target.ports),
      healthPath: target.healthPath,
      runDir,
      startTimeoutMs: this.options.startTimeoutMs,
      logger: this.options.logger,
      abort: this.closing.signal,
    });
    const skipped = target.image.steps_not_executed;
    if (skipped.length === 0) return started;
    return started.catch((err: unknown) => {
      if (!(err instanceof RpcError) || err.code !== grpc.status.FAILED_PRECONDITION) throw err;
      // An app that needs what a RUN step would have made (installed packages) dies at start here.
      throw new RpcError(
        err.code,
        `${err.message}\nNote: the local build did not execute ${skipped.length} step(s) of this image (${skipped.join('; ')}); an app that needs their results cannot start under the local Ignite.`,
      );
    });
  }

  private async startContainer(target: RunTarget, engine: ContainerEngine): Promise<RunningApp> {
    if (!target.image.engine) {
      throw failedPrecondition(
        `image ${target.imageRef} was assembled by the process engine (its RUN steps never ran), so ${engine.name} cannot run it; build it again (CreateBuild or SaveDraft) to get an image of the ${engine.name} store`,
      );
    }
    const at = target.slot.lastIndexOf('@');
    return AppContainer.start({
      engine,
      label: target.slot,
      image: target.image,
      imageRef: target.imageRef,
      appEnv: target.appEnv,
      containerPorts: containerPortsOf(target.ports),
      healthPath: target.healthPath,
      limits: target.limits,
      labels: { ...this.options.engineLabels, [LABELS.app]: target.slot.slice(0, at), [LABELS.version]: target.slot.slice(at + 1) },
      runDir: this.options.store.filePath('runs', randomUUID()),
      logs: await this.appLogs.resume(target.slot),
      startTimeoutMs: this.options.startTimeoutMs,
      logger: this.options.logger,
      abort: this.closing.signal,
    });
  }

  private async stopNow(slot: string): Promise<void> {
    const current = this.processes.get(slot);
    if (!current) return;
    this.processes.delete(slot);
    await current.process.stop(this.options.stopGraceMs ?? 3000);
  }

  private serialize<T>(slot: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(slot) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(slot, settled);
    void settled.then(() => {
      if (this.queues.get(slot) === settled) this.queues.delete(slot);
    });
    return next;
  }
}
