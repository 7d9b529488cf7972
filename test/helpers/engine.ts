/**
 * Container tests need podman. Without a working one they are skipped with the reason printed;
 * with CI=true or IGNITE_TEST_REQUIRE_ENGINE=1 (set by .ci/run) a missing engine fails them instead,
 * so CI can never pass by skipping.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { selectEngine } from '../../src/local/engines/detect.js';
import { resetStore, type ContainerEngine } from '../../src/local/engines/container-engine.js';
import { importTar, packHostRootfs } from '../../src/local/engines/base-image.js';
import type { HostRuntime } from '../../src/local/engines/host-rootfs.js';
import { STANDARD_PATH } from '../../src/local/runner/command.js';

export const ENGINE_ENV: Record<string, string> = { PATH: `${STANDARD_PATH}:/usr/sbin:/sbin`, HOME: os.homedir() };
const REQUIRED = process.env.CI === 'true' || process.env.IGNITE_TEST_REQUIRE_ENGINE === '1';

function podmanWorks(): string | undefined {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'podman is not installed (apt-get install -y podman runc busybox-static)';
  }
}

const missing = podmanWorks();

/**
 * `describe` for tests that need podman: skipped with a visible reason when it is missing, and a
 * failure when CI requires it.
 */
export function describeWithPodman(name: string, body: () => void): void {
  if (!missing) {
    describe(name, body);
    return;
  }
  if (REQUIRED) {
    describe(name, () => {
      throw new Error(`${name}: ${missing}, and CI requires a container engine (CI=true / IGNITE_TEST_REQUIRE_ENGINE=1)`);
    });
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${missing}\n`);
  describe.skip(`${name} (skipped: ${missing})`, body);
}

/** A podman store for one test file (short path: podman's runroot is derived from it). */
export function testStoreDir(name: string): string {
  const dir = path.join(os.tmpdir(), 'ignite-engine', `${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function podmanFor(storeDir: string): Promise<ContainerEngine> {
  const selection = await selectEngine('podman', { storeDir, env: ENGINE_ENV });
  return selection.engine!;
}

/** Removes a test store: its containers, mounts, files and runtime folders (podman system reset, then the folders). */
export async function removeStore(storeDir: string): Promise<void> {
  await resetStore(await podmanFor(storeDir));
}

/**
 * A base image made from this host's runtime (the same code as `ignite-mcp local base-image`),
 * packed once per machine and node version into a cached tarball, then imported into the store.
 */
export async function importHostBase(engine: ContainerEngine, runtime: HostRuntime, tag: string): Promise<void> {
  const cacheDir = path.join(os.tmpdir(), 'ignite-engine', 'bases');
  mkdirSync(cacheDir, { recursive: true });
  const key = `${runtime}-${process.version}`;
  const tarFile = path.join(cacheDir, `${key}.tar`);
  const changesFile = path.join(cacheDir, `${key}.json`);
  if (!existsSync(tarFile) || !existsSync(changesFile)) {
    const partial = path.join(cacheDir, `${key}.${process.pid}.tar`);
    const made = await packHostRootfs(
      runtime,
      { searchPath: ENGINE_ENV.PATH!, caBundle: '/etc/ssl/certs/ca-certificates.crt' },
      partial,
      ENGINE_ENV,
    );
    writeFileSync(`${changesFile}.${process.pid}`, JSON.stringify(made.changes));
    renameSync(partial, tarFile);
    renameSync(`${changesFile}.${process.pid}`, changesFile);
  }
  await importTar(engine, tarFile, tag, JSON.parse(readFileSync(changesFile, 'utf8')) as string[]);
}

/** Containers of a store matching a label filter, all states. */
export async function containersWith(engine: ContainerEngine, label: string): Promise<string[]> {
  const listed = await engine.command(['ps', '-a', '--external', '--filter', `label=${label}`, '--format', '{{.ID}}'], {
    timeoutMs: 30_000,
  });
  return listed.stdout.split('\n').filter(Boolean);
}

/** Every container of a store, build working containers included. */
export async function allContainers(engine: ContainerEngine): Promise<string[]> {
  const listed = await engine.command(['ps', '-a', '--external', '--format', '{{.ID}} {{.Names}} {{.State}}'], { timeoutMs: 30_000 });
  return listed.stdout.split('\n').filter(Boolean);
}

/** Pids whose command line contains `text` (for "nothing left running" checks). */
export function processesWith(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text) && Number(pid) !== process.pid) found.push(`${pid}: ${cmdline.trim()}`);
    } catch {
      continue;
    }
  }
  return found;
}
