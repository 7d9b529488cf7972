import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ContainerEngine, EngineImage } from './container-engine.js';
import { EngineFailure } from './container-engine.js';
import { engineError, runCommand } from './engine-command.js';
import { makeHostRootfs, type HostRootfsOptions, type HostRuntime } from './host-rootfs.js';

export type BaseImageSource =
  { kind: 'host'; runtime: HostRuntime; options: HostRootfsOptions } | { kind: 'rootfs'; tarFile: string; changes: string[] };

/** A host runtime as a root-filesystem tarball plus the instructions to import it with. */
export async function packHostRootfs(
  runtime: HostRuntime,
  options: HostRootfsOptions,
  tarFile: string,
  env: Readonly<Record<string, string>>,
): Promise<{ changes: string[]; description: string }> {
  const root = `${tarFile}.rootfs`;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  try {
    const made = makeHostRootfs(runtime, root, options);
    const tar = await runCommand('tar', ['--numeric-owner', '-C', root, '-cf', tarFile, '.'], { env });
    if (tar.code !== 0) throw new EngineFailure(`tar failed: ${engineError(tar)}`);
    return made;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Makes a local base image in the engine's store (`ignite-mcp local base-image`): from a runtime of
 * this host, or from a root-filesystem tarball. The image is imported (one layer, no registry).
 */
export async function makeBaseImage(
  engine: ContainerEngine,
  source: BaseImageSource,
  tag: string,
  scratchDir: string,
): Promise<{ image: EngineImage; description: string }> {
  const work = path.join(scratchDir, `base-${randomUUID()}`);
  mkdirSync(work, { recursive: true });
  try {
    let tarFile = path.join(work, 'rootfs.tar');
    let changes: string[];
    let description: string;
    if (source.kind === 'host') ({ changes, description } = await packHostRootfs(source.runtime, source.options, tarFile, engine.spec.env));
    else {
      ({ tarFile, changes } = source);
      description = `root filesystem ${source.tarFile}`;
    }
    await importTar(engine, tarFile, tag, changes);
    const image = await engine.inspectImage(tag);
    if (!image) throw new EngineFailure(`${engine.name} imported ${tag} but cannot inspect it`);
    return { image, description };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function importTar(engine: ContainerEngine, tarFile: string, tag: string, changes: readonly string[]): Promise<void> {
  await engine.checked(
    ['import', ...(engine.name === 'podman' ? ['-q'] : []), ...changes.flatMap((change) => ['--change', change]), tarFile, tag],
    {
      timeoutMs: 300_000,
    },
  );
}
