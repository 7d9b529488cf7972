import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.js';
import { ContainerEngine } from './container-engine.js';
import type { ContainerEngineName, EngineChoice, EngineName } from './engine-choice.js';
import { engineError, runCommand } from './engine-command.js';
import { podmanGlobalArgs, podmanStore, preferredDriver, type StorageDriver } from './podman-store.js';

export interface EngineSelection {
  name: EngineName;
  /** Undefined for the process engine. */
  engine: ContainerEngine | undefined;
  /** One line for the start-up log: what was chosen and why. */
  why: string;
}

export interface DetectOptions {
  /** Where a podman store for this data directory lives. */
  storeDir: string;
  /** What the engine CLI starts from (PATH, HOME, DOCKER_HOST, proxies). */
  env: Readonly<Record<string, string>>;
}

/** `info` answers in about 0.25 s; a hung daemon socket must not hold the start-up longer than this. */
const PROBE_TIMEOUT_MS = 15_000;
/** runc often sits in sbin, which a user's PATH may lack. */
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/**
 * Picks the engine. `auto`: podman, then docker, each only where its CLI is present AND its engine
 * answers (a docker CLI without a daemon is not picked), else the process engine. An explicit
 * `podman` or `docker` that does not answer stops the start with the engine's own error.
 */
export async function selectEngine(choice: EngineChoice, options: DetectOptions): Promise<EngineSelection> {
  if (choice === 'process') return { name: 'process', engine: undefined, why: 'process engine chosen explicitly' };
  const candidates: ContainerEngineName[] = choice === 'auto' ? ['podman', 'docker'] : [choice];
  const misses: string[] = [];
  for (const name of candidates) {
    const probed = await probe(name, options);
    if (probed instanceof ContainerEngine) return { name, engine: probed, why: `${probed.describe()} answered` };
    misses.push(`${name}: ${probed}`);
    if (choice !== 'auto') {
      throw new UserError(
        `the ${name} engine cannot be used: ${probed}`,
        `Install ${name} (Debian: apt-get install -y ${name === 'podman' ? 'podman runc' : 'docker.io'}) and check that \`${name} info\` works, or choose another engine with --engine auto|podman|docker|process (IGNITE_MCP_ENGINE).`,
      );
    }
  }
  return {
    name: 'process',
    engine: undefined,
    why: `no container engine answered (${misses.join('; ')}); using the process engine (fallback)`,
  };
}

async function probe(name: ContainerEngineName, options: DetectOptions): Promise<ContainerEngine | string> {
  const binary = findProgram(name, options.env.PATH ?? '');
  if (!binary) return `no ${name} command on PATH`;
  return name === 'podman' ? probePodman(binary, options) : probeDocker(binary, options);
}

async function probePodman(binary: string, options: DetectOptions): Promise<ContainerEngine | string> {
  const store = podmanStore(options.storeDir);
  const fresh = !existsSync(path.join(store.root, 'libpod'));
  const runtime = findProgram('runc', options.env.PATH ?? '');
  let driver: StorageDriver = preferredDriver(store);
  let info = await podmanInfo(binary, store, driver, runtime, options.env);
  if (typeof info === 'string' && driver === 'overlay' && fresh) {
    // No overlay here (e.g. a store on overlayfs itself): a new store can still be made with vfs.
    rmSync(store.root, { recursive: true, force: true });
    driver = 'vfs';
    info = await podmanInfo(binary, store, driver, runtime, options.env);
  }
  if (typeof info === 'string') return info;
  return new ContainerEngine({
    name: 'podman',
    binary,
    globalArgs: podmanGlobalArgs(store, driver, runtime),
    env: options.env,
    runtimePath: runtime ?? info.runtimePath,
    version: info.version,
    storeDir: options.storeDir,
    details: `${driver} storage, ${info.runtimeName}, store ${options.storeDir}`,
  });
}

async function podmanInfo(
  binary: string,
  store: ReturnType<typeof podmanStore>,
  driver: StorageDriver,
  runtime: string | undefined,
  env: Readonly<Record<string, string>>,
): Promise<{ version: string; runtimeName: string; runtimePath: string } | string> {
  for (const dir of [store.root, store.runroot, store.tmpdir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const args = [...podmanGlobalArgs(store, driver, runtime), 'info', '--format', 'json'];
  const result = await runCommand(binary, args, { env, timeoutMs: PROBE_TIMEOUT_MS }).catch((err: Error) => err.message);
  if (typeof result === 'string') return result;
  if (result.code !== 0) return result.timedOut ? `podman info did not answer within ${PROBE_TIMEOUT_MS} ms` : engineError(result);
  const parsed = JSON.parse(result.stdout) as { version?: { Version?: string }; host?: { ociRuntime?: { name?: string; path?: string } } };
  return {
    version: parsed.version?.Version ?? '?',
    runtimeName: parsed.host?.ociRuntime?.name ?? '?',
    runtimePath: parsed.host?.ociRuntime?.path ?? '',
  };
}

async function probeDocker(binary: string, options: DetectOptions): Promise<ContainerEngine | string> {
  const result = await runCommand(binary, ['info', '--format', '{{json .ServerVersion}}'], {
    env: options.env,
    timeoutMs: PROBE_TIMEOUT_MS,
  }).catch((err: Error) => err.message);
  if (typeof result === 'string') return result;
  const version = result.stdout.trim().replace(/^"|"$/g, '');
  if (result.code !== 0 || !version) return `its CLI is present but the engine does not answer (${engineError(result)})`;
  return new ContainerEngine({
    name: 'docker',
    binary,
    globalArgs: [],
    env: options.env,
    runtimePath: undefined,
    version,
    details: 'docker daemon',
  });
}

/** The absolute path of a program on PATH (plus the sbin folders), or undefined. */
export function findProgram(name: string, searchPath: string): string | undefined {
  for (const dir of [...searchPath.split(path.delimiter).filter(Boolean), ...EXTRA_DIRS]) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}
