import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ImageConfig } from '../images.js';
import type { ContainerEngineName } from './engine-choice.js';
import { engineError, runCommand, type CommandOptions, type CommandResult } from './engine-command.js';
import { podmanStore } from './podman-store.js';

/** An image in the engine's store, as the local Ignite records it. */
export interface EngineImage {
  /** The engine's image id (the config digest), 64 hex characters. */
  id: string;
  /** "sha256:<id>": the image digest a build reports. */
  digest: string;
  config: ImageConfig;
  /** The Dockerfile HEALTHCHECK test, when the image has one (Ignite ignores it; so do we, and say so). */
  healthcheck: string[] | undefined;
  sizeBytes: number;
}

/** A failure the user should read, in the engine's own words. */
export class EngineFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineFailure';
  }
}

export interface EngineSpec {
  name: ContainerEngineName;
  /** Absolute path of the CLI. */
  binary: string;
  /** Global flags before every subcommand (podman: the store, runtime, cgroup manager). */
  globalArgs: readonly string[];
  /** What the CLI starts from: the host's PATH, proxies, locale; nothing of the caller's credentials. */
  env: Readonly<Record<string, string>>;
  /** The OCI runtime podman runs build steps with, for cleaning up after a cancelled build. */
  runtimePath: string | undefined;
  version: string;
  /** podman: the folder of its store, removed by resetStore(). */
  storeDir?: string;
  /** e.g. "overlay, runc" for the start-up log line. */
  details: string;
}

/**
 * The container engine's command line (podman or docker): what the builder and the runner ask of
 * it. Differences between the two CLIs live here and in the builder's and runner's argument lists.
 */
export class ContainerEngine {
  constructor(readonly spec: EngineSpec) {}

  get name(): ContainerEngineName {
    return this.spec.name;
  }

  describe(): string {
    return `${this.spec.name} ${this.spec.version} (${this.spec.details})`;
  }

  /** Runs `<engine> <global flags> ...args`; the environment is the engine's plus `options.env`. */
  command(args: readonly string[], options: Partial<CommandOptions> = {}): Promise<CommandResult> {
    return runCommand(this.spec.binary, [...this.spec.globalArgs, ...args], { ...options, env: { ...this.spec.env, ...options.env } });
  }

  /** Like command(), but a non-zero exit throws EngineFailure with the engine's own error line. */
  async checked(args: readonly string[], options: Partial<CommandOptions> = {}): Promise<CommandResult> {
    const result = await this.command(args, options);
    if (result.timedOut) throw new EngineFailure(`${this.name} ${args[0]} did not finish within ${options.timeoutMs} ms`);
    if (result.code !== 0) throw new EngineFailure(engineError(result));
    return result;
  }

  async inspectImage(ref: string): Promise<EngineImage | undefined> {
    const result = await this.command(['image', 'inspect', ref], { timeoutMs: 30_000 });
    if (result.code !== 0) return undefined;
    const [raw] = JSON.parse(result.stdout) as RawImage[];
    if (!raw) return undefined;
    const id = raw.Id.replace(/^sha256:/, '');
    const config = raw.Config ?? {};
    const healthcheck = (raw.Healthcheck ?? config.Healthcheck)?.Test;
    return {
      id,
      digest: `sha256:${id}`,
      config: {
        base_image: '',
        entrypoint: config.Entrypoint ?? [],
        cmd: config.Cmd ?? [],
        env: Object.fromEntries(
          (config.Env ?? []).map((entry) => [entry.split('=', 1)[0]!, entry.slice(entry.indexOf('=') + 1)] as [string, string]),
        ),
        workdir: config.WorkingDir ?? '',
        user: config.User ?? raw.User ?? '',
        exposed_ports: Object.keys(config.ExposedPorts ?? {})
          .map((port) => Number.parseInt(port, 10))
          .filter(Number.isInteger),
        labels: config.Labels ?? {},
      },
      healthcheck: healthcheck && healthcheck[0] !== 'NONE' ? healthcheck : undefined,
      sizeBytes: raw.Size ?? 0,
    };
  }

  async tag(source: string, target: string): Promise<void> {
    await this.checked(['tag', source, target], { timeoutMs: 30_000 });
  }

  /** Removes containers matching every label filter (`key=value`); no match is not an error. */
  async removeByLabels(filters: readonly string[]): Promise<string[]> {
    const filterArgs = filters.flatMap((filter) => ['--filter', `label=${filter}`]);
    if (this.name === 'docker') {
      const listed = await this.checked(['ps', '-aq', ...filterArgs], { timeoutMs: 30_000 });
      const ids = listed.stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await this.checked(['rm', '-f', ...ids], { timeoutMs: 60_000 });
      return ids;
    }
    // Without -t 0 podman waits 10 s for a process that ignores SIGTERM.
    const removed = await this.checked(['rm', '-f', '-t', '0', ...filterArgs], { timeoutMs: 60_000 });
    return removed.stdout.split('\n').filter(Boolean);
  }

  /** Stops a container (SIGTERM, SIGKILL after `graceSecs`) and removes it. */
  async removeContainer(id: string, graceSecs: number): Promise<void> {
    if (graceSecs > 0) await this.command(['stop', '-t', String(graceSecs), id], { timeoutMs: (graceSecs + 30) * 1000 });
    await this.command(this.name === 'docker' ? ['rm', '-f', id] : ['rm', '-f', '-t', '0', id], { timeoutMs: 60_000 });
  }

  /**
   * podman only: build working containers a killed build left in the store ("State": "storage";
   * podman 4.3 leaves them, with their mounts, when `podman build` is stopped). Call only while no
   * build of this store is running: working containers of different builds cannot be told apart.
   */
  async removeBuildLeftovers(): Promise<string[]> {
    if (this.name !== 'podman') return [];
    const listed = await this.command(['ps', '-a', '--external', '--format', 'json'], { timeoutMs: 30_000 });
    if (listed.code !== 0) return [];
    const ids = (JSON.parse(listed.stdout || '[]') as { Id: string; State: string }[])
      .filter((container) => container.State === 'storage')
      .map((container) => container.Id);
    if (ids.length > 0) await this.command(['rm', '-f', ...ids], { timeoutMs: 60_000 });
    return ids;
  }
}

/**
 * podman only: deletes the whole store (images, containers, layers and the runtime state), for a
 * local Ignite whose data lives only as long as the process (--memory, tests).
 */
export async function resetStore(engine: ContainerEngine): Promise<void> {
  const dir = engine.spec.storeDir;
  if (engine.name !== 'podman' || !dir) return;
  await engine.command(['system', 'reset', '-f'], { timeoutMs: 60_000 });
  const { runroot } = podmanStore(dir);
  await rm(path.dirname(runroot), { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
}

interface RawConfig {
  Env?: string[];
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  User?: string;
  ExposedPorts?: Record<string, unknown>;
  Labels?: Record<string, string> | null;
  Healthcheck?: { Test?: string[] };
}

interface RawImage {
  Id: string;
  Config?: RawConfig;
  User?: string;
  Size?: number;
  Healthcheck?: { Test?: string[] };
}
