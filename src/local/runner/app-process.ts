import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../shared/log.js';
import { redactText } from '../../shared/redact.js';
import * as grpc from '@grpc/grpc-js';
import { RpcError, failedPrecondition } from '../rpc/errors.js';
import type { HostCommand } from './command.js';
import type { AppLogSink } from './app-logs.js';
import type { RunningApp } from './running-app.js';
import { waitHealthy } from './health.js';
import { InFlight } from './in-flight.js';
import { quoteStreams, OutputTail } from './output-tail.js';
import { portsListenedByGroup, wrongPortDiagnosis } from './listen-ports.js';
import { allocateHostPorts, portEnv } from './ports.js';

export interface AppProcessSpec {
  /** Names the process in messages and logs, e.g. "acme/shop@v2". */
  label: string;
  command: HostCommand;
  /** Image ENV then app env; PORT, PORT_<p>, HOME, TMPDIR and PATH are added here. */
  env: Record<string, string>;
  containerPorts: number[];
  healthPath: string;
  /** A fresh directory for this run's writable files (HOME lives in it). */
  runDir: string;
  startTimeoutMs: number;
  logger: Logger;
  /** Aborts a start still waiting for health (the server is shutting down). */
  abort: AbortSignal;
  /** Runs the command through this prefix (e.g. setpriv --pdeathsig SIGKILL --, see parent-death.ts). */
  launcher?: readonly string[];
  /** Called with the pid as soon as the process exists, so it is on record before it is healthy. */
  onSpawn?(pid: number): void;
  /** Called once the process has exited and its group has been killed. */
  onExit?(pid: number): void;
  /** The app's log: every line the process prints, tagged with its version and execution. */
  logs?: AppLogSink;
}

/** One running app: a host process in its own process group, reachable on loopback ports. */
export class AppProcess implements RunningApp {
  private exitReason: string | undefined;
  private readonly exited: Promise<void>;
  private readonly inflight = new InFlight();
  private stopping = false;
  readonly stdoutLines: LineBuffer;
  readonly stderrLines: LineBuffer;

  private constructor(
    private readonly child: ChildProcess,
    readonly hostPorts: ReadonlyMap<number, number>,
    private readonly spec: AppProcessSpec,
    readonly stderr: OutputTail,
    readonly stdout: OutputTail = new OutputTail(),
  ) {
    this.stdoutLines = new LineBuffer((line) => spec.logs?.line('stdout', line));
    this.stderrLines = new LineBuffer((line) => spec.logs?.line('stderr', line));
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        this.exitReason ??= `could not start ${JSON.stringify(spec.command.argv)}: ${err.message}`;
        resolve();
      });
      child.once('exit', (code, signal) => {
        this.exitReason ??= signal ? `the process was killed by ${signal}` : `the process exited with code ${code}`;
        this.stdoutLines.flush();
        this.stderrLines.flush();
        if (!this.stopping) spec.logs?.line('system', this.exitReason);
        // Children the app forked outlive it in its process group; end them now, while the group
        // id cannot yet have been reused by an unrelated process.
        this.signalGroup('SIGKILL');
        if (this.pid > 0) spec.onExit?.(this.pid);
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exitReason === undefined;
  }

  /** Starts the process and waits for its health path; throws FAILED_PRECONDITION with its stderr tail if it never gets healthy. */
  static async start(spec: AppProcessSpec): Promise<AppProcess> {
    const hostPorts = await allocateHostPorts(spec.containerPorts);
    const home = path.join(spec.runDir, path.posix.normalize(`/${spec.env.HOME || '/home/app'}`));
    const tmp = path.join(spec.runDir, 'tmp');
    mkdirSync(home, { recursive: true });
    mkdirSync(tmp, { recursive: true });
    const env = { ...spec.env, PATH: spec.command.searchPath, ...portEnv(hostPorts), HOME: home, TMPDIR: tmp };
    // detached: the app gets its own process group, so stopping it also stops whatever it forked.
    const [file, ...args] = [...(spec.launcher ?? []), spec.command.file, ...spec.command.args] as [string, ...string[]];
    const child = spawn(file, args, {
      cwd: spec.command.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) spec.onSpawn?.(child.pid);
    const stderr = new OutputTail();
    const app = new AppProcess(child, hostPorts, spec, stderr);
    const log = spec.logger.child(spec.label);
    // App output is the app's to print, not ours to pass on: it goes through the redactor like any output.
    spec.logs?.line('system', `started process ${app.pid} (${spec.command.argv.join(' ').slice(0, 200)}) with the process engine`);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      app.stderrLines.push(chunk);
      log.debug(redactText(chunk.toString().trimEnd()), { stream: 'stderr' });
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      app.stdout.push(chunk);
      app.stdoutLines.push(chunk);
      log.debug(redactText(chunk.toString().trimEnd()), { stream: 'stdout' });
    });

    const firstPort = hostPorts.values().next().value as number;
    let onAbort = () => {};
    const aborted = new Promise<void>((resolve) => (onAbort = resolve));
    spec.abort.addEventListener('abort', onAbort, { once: true });
    const outcome = await waitHealthy({
      port: firstPort,
      portLabel: `$PORT=${firstPort} (127.0.0.1:${firstPort}, the host port of container port ${spec.containerPorts[0]})`,
      healthPath: spec.healthPath,
      timeoutMs: spec.startTimeoutMs,
      ended: () => app.exitReason ?? (spec.abort.aborted ? 'the local Ignite is shutting down' : undefined),
      endedSignal: Promise.race([app.exited, aborted]),
    }).finally(() => spec.abort.removeEventListener('abort', onAbort));
    if (outcome.healthy) {
      log.info('app process healthy', { pid: app.pid, ports: Object.fromEntries(hostPorts) });
      return app;
    }
    const listening = app.alive ? portsListenedByGroup(app.pid) : [];
    await app.stop(500);
    if (spec.abort.aborted) throw new RpcError(grpc.status.UNAVAILABLE, `${spec.label} was not started: the local Ignite is shutting down`);
    // FAILED_PRECONDITION, not UNAVAILABLE: retrying the same image and config fails the same way;
    // the app or its configuration has to change first.
    const wrongPort = wrongPortDiagnosis(
      listening,
      firstPort,
      'the process engine gives each container port a free loopback port in $PORT (PORT_<port> names each one), so make the app listen on $PORT (read PORT from its environment), or run it under a container engine (--engine podman or docker), where it gets its configured port',
    );
    throw failedPrecondition(
      `${spec.label} did not become healthy: ${outcome.reason}${wrongPort ? `; ${wrongPort}` : ''}. ${app.stderrQuote()}`,
    );
  }

  /** The process's last stdout and stderr lines (noise skipped, error lines kept), quoted for an error message. */
  stderrQuote(): string {
    return quoteStreams(this.stdout, this.stderr);
  }

  /** Marks an exchange in flight; call the returned function when it is over. */
  begin(executionId?: string): () => void {
    return this.inflight.begin(this.spec.logs?.begin(executionId) ?? (() => {}));
  }

  /**
   * Lets exchanges in flight finish (up to the grace period, as a pod's termination does), then
   * SIGTERM to the process group, SIGKILL after another grace period, then removes the run's files.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.alive) await this.inflight.drained(graceMs, this.exited);
    this.stopping = true;
    if (this.alive) {
      this.signalGroup('SIGTERM');
      const killed = await Promise.race([
        this.exited.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), graceMs).unref()),
      ]);
      if (!killed) this.signalGroup('SIGKILL');
      await this.exited;
    }
    rmSync(this.spec.runDir, { recursive: true, force: true });
    this.spec.logs?.close();
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid <= 0) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: nothing left in the group.
    }
  }
}

/** Splits a stream's chunks into whole lines (a partial last line waits for the rest, or for flush). */
class LineBuffer {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    // A process that never prints a newline must not grow the buffer without end.
    if (this.partial.length > 16 * 1024) (parts.push(this.partial), (this.partial = ''));
    for (const line of parts) this.onLine(line);
  }

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
