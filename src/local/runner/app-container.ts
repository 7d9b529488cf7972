import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../shared/log.js';
import type { AppLogSink } from './app-logs.js';
import type { ContainerEngine } from '../engines/container-engine.js';
import { engineError } from '../engines/engine-command.js';
import type { ImageRecord } from '../images.js';
import { RpcError, failedPrecondition } from '../rpc/errors.js';
import { containerRunArgs, parsePublishedPorts } from './container-run-args.js';
import { checkContainerUser } from './container-user.js';
import { followContainer } from './container-output.js';
import { waitHealthy } from './health.js';
import { loopbackOnlyDiagnosis, loopbackOnlyPortsInNamespaceOf, portsListenedInNamespaceOf, wrongPortDiagnosis } from './listen-ports.js';
import { InFlight } from './in-flight.js';
import { quoteStreams, OutputTail } from './output-tail.js';
import type { RunningApp } from './running-app.js';

export interface AppContainerSpec {
  engine: ContainerEngine;
  /** e.g. "acme/shop@v2". */
  label: string;
  image: ImageRecord;
  imageRef: string;
  appEnv: Record<string, string>;
  containerPorts: number[];
  healthPath: string;
  limits: { memory_mb: number; cpu_millicores: number };
  /** Engine labels of this local Ignite plus the app's and version's. */
  labels: Record<string, string>;
  /** A fresh directory for this run's files. */
  runDir: string;
  /** The app's log for this version: every line the container prints, with the engine's timestamp. */
  logs: AppLogSink;
  startTimeoutMs: number;
  logger: Logger;
  abort: AbortSignal;
}

/** Where $HOME is when neither the app nor the image sets one. */
const DEFAULT_HOME = '/home/app';

/** One running app: a container of the engine, its configured ports published on loopback. */
export class AppContainer implements RunningApp {
  private exitReason: string | undefined;
  private stopping = false;
  private readonly inflight = new InFlight();
  readonly stdout = new OutputTail();
  readonly stderr = new OutputTail();
  readonly hostPorts = new Map<number, number>();
  readonly containerId: string;
  private readonly output: ReturnType<typeof followContainer>;

  private constructor(
    private readonly spec: AppContainerSpec,
    readonly id: string,
  ) {
    this.containerId = id;
    this.output = followContainer(spec.engine, id, {
      onLine: (stream, text, at) => {
        this[stream].pushLine(text);
        spec.logs.line(stream, text, at);
      },
      onExit: (code) => {
        if (this.stopping) this.exitReason ??= 'the container was stopped';
        else if (code === 137)
          this.exitReason ??= `the container was killed (exit code 137), most likely for going over its memory limit of ${spec.limits.memory_mb} MB`;
        else this.exitReason ??= `the container exited with code ${code}`;
        if (!this.stopping) spec.logs.line('system', this.exitReason);
      },
    });
  }

  get alive(): boolean {
    return this.exitReason === undefined;
  }

  /** Creates the container and waits for its health path; FAILED_PRECONDITION (with its output) if it never gets healthy. */
  static async start(spec: AppContainerSpec): Promise<AppContainer> {
    const { engine } = spec;
    const image = await engine.inspectImage(spec.image.digest.replace(/^sha256:/, ''));
    if (!image) {
      throw failedPrecondition(
        `image ${spec.imageRef} (${spec.image.digest}) is no longer in the ${engine.name} store; build or pull it again and save the draft again`,
      );
    }
    const user = checkContainerUser(image.config.user, spec.imageRef);
    if (image.healthcheck)
      spec.logs.line(
        'system',
        `the image's HEALTHCHECK (${image.healthcheck.join(' ')}) is ignored, as on Ignite: readiness is GET ${spec.healthPath}`,
      );
    const requestedHome = spec.appEnv.HOME ?? image.config.env.HOME ?? '';
    const home = requestedHome.startsWith('/') && requestedHome !== '/' ? path.posix.normalize(requestedHome) : DEFAULT_HOME;
    const port = spec.containerPorts[0]!;
    await mkdir(spec.runDir, { recursive: true });
    const envFile = path.join(spec.runDir, 'env');
    const name = containerName(spec.label);
    const run = containerRunArgs(engine, {
      name,
      imageId: image.id,
      user,
      home,
      env: { ...spec.appEnv, PORT: String(port), HOME: home },
      containerPorts: spec.containerPorts,
      memoryMb: spec.limits.memory_mb,
      cpuMillicores: spec.limits.cpu_millicores,
      labels: spec.labels,
      envFile,
    });
    await writeFile(envFile, run.envFileContent, { mode: 0o600 });
    const created = await engine.command(run.args, { env: run.childEnv, timeoutMs: 60_000 }).finally(() => rm(envFile, { force: true }));
    if (created.code !== 0) {
      // A failed `run -d` leaves the container in Created state.
      await engine.removeContainer(name, 0);
      throw failedPrecondition(`${spec.label} could not be started by ${engine.name}: ${engineError(created)}`);
    }
    const app = new AppContainer(spec, created.stdout.trim().split('\n').at(-1)!);
    spec.logs.line('system', `started container ${app.id.slice(0, 12)} (${spec.imageRef}) with ${engine.name}`);
    const published = await engine.command(['port', app.id], { timeoutMs: 30_000 });
    for (const [container, host] of parsePublishedPorts(published.stdout)) app.hostPorts.set(container, host);
    const log = spec.logger.child(spec.label);
    const hostPort = app.hostPorts.get(port) ?? 0;
    let onAbort = () => {};
    const aborted = new Promise<void>((resolve) => (onAbort = resolve));
    spec.abort.addEventListener('abort', onAbort, { once: true });
    const outcome = await waitHealthy({
      port: hostPort,
      portLabel: `container port ${port} ($PORT), published as 127.0.0.1:${hostPort}`,
      healthPath: spec.healthPath,
      timeoutMs: spec.startTimeoutMs,
      ended: () => app.exitReason ?? (spec.abort.aborted ? 'the local Ignite is shutting down' : undefined),
      endedSignal: Promise.race([app.output.exited, aborted]),
    }).finally(() => spec.abort.removeEventListener('abort', onAbort));
    if (outcome.healthy) {
      log.info('app container healthy', { container: app.id.slice(0, 12), ports: Object.fromEntries(app.hostPorts) });
      return app;
    }
    const listening = app.alive ? await app.listeningPorts() : { all: [], loopbackOnly: [] };
    await app.stop(500);
    if (spec.abort.aborted) throw new RpcError(grpc.status.UNAVAILABLE, `${spec.label} was not started: the local Ignite is shutting down`);
    const wrongPort =
      loopbackOnlyDiagnosis(listening.loopbackOnly, port) ??
      wrongPortDiagnosis(
        listening.all,
        port,
        `Ignite sets PORT to the app's first configured port; make the app listen on $PORT, or list the port it listens on first in the app's ports (configure_app)`,
      );
    throw failedPrecondition(
      `${spec.label} did not become healthy: ${outcome.reason}${wrongPort ? `; ${wrongPort}` : ''}. ${app.stderrQuote()}`,
    );
  }

  stderrQuote(): string {
    const ended = this.exitReason ? `${this.exitReason[0]!.toUpperCase()}${this.exitReason.slice(1)}. ` : '';
    return `${ended}${quoteStreams(this.stdout, this.stderr)}`;
  }

  begin(executionId?: string): () => void {
    return this.inflight.begin(this.spec.logs.begin(executionId));
  }

  /** Lets exchanges in flight finish, then stops (SIGTERM, SIGKILL after the grace period) and removes the container. */
  async stop(graceMs: number): Promise<void> {
    if (this.alive) await this.inflight.drained(graceMs, this.output.exited);
    this.stopping = true;
    await this.spec.engine.removeContainer(this.id, this.alive ? Math.max(1, Math.ceil(graceMs / 1000)) : 0);
    await this.output.close();
    this.spec.logs.close();
    await rm(this.spec.runDir, { recursive: true, force: true });
  }

  /** What listens inside the container's network namespace, through its first process's /proc. */
  private async listeningPorts(): Promise<{ all: number[]; loopbackOnly: number[] }> {
    const inspected = await this.spec.engine.command(['inspect', '--format', '{{.State.Pid}}', this.id], { timeoutMs: 10_000 });
    const pid = Number(inspected.stdout.trim());
    if (!Number.isInteger(pid) || pid <= 0) return { all: [], loopbackOnly: [] };
    return { all: portsListenedInNamespaceOf(pid), loopbackOnly: loopbackOnlyPortsInNamespaceOf(pid) };
  }
}

/** A readable, unique container name: ignite-<org>-<app>-<version>-<random>. */
function containerName(slot: string): string {
  const slug = slot
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return `ignite-${slug}-${randomBytes(3).toString('hex')}`;
}
