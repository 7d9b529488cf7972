import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ImageRegistry, type ImageConfig, type ImageRecord } from '../images.js';
import { BuildFailure, type BuildOutput } from './build-output.js';
import { fromImage, type DockerfileStage, type DockerfileStep } from './dockerfile.js';
import { copyTreeInScope } from './scoped-fs.js';

/** A build stage while its steps run: its files in `dir`, and the image config so far. */
export interface Stage {
  index: number;
  name: string | undefined;
  dir: string;
  config: ImageConfig;
  args: Map<string, string | undefined>;
  shell: string[];
  /** ENTRYPOINT resets an inherited CMD, but not one set in the same stage. */
  cmdSetHere: boolean;
}

/** Images a FROM or COPY --from may start from, limited to what the building organization may read. */
export interface StageSource {
  localImage(ref: string): ImageRecord | undefined;
  /** True when the local registry holds `ref` for another organization (a container build must not use it). */
  heldByOtherOrganization?(ref: string): boolean;
}

interface StageOptions {
  workDir: string;
  output: BuildOutput;
  signal: AbortSignal;
  stageSources: StageSource;
}

/**
 * FROM: an earlier stage or a localhost/... image the local Ignite built is really used (files and
 * config); `scratch` starts empty; any other image cannot be pulled, so it is recorded as the base
 * and the stage starts empty, which the log says plainly.
 */
export async function startStage(
  step: DockerfileStep,
  definition: DockerfileStage,
  stages: readonly Stage[],
  expand: (word: string) => string,
  options: StageOptions,
): Promise<Stage> {
  const written = fromImage(step);
  const image = expand(written).trim();
  if (!image) throw new BuildFailure(`base name (${written}) should not be blank`);
  const dir = path.join(options.workDir, 'stages', String(definition.index));
  await mkdir(dir, { recursive: true });
  const stage: Stage = {
    index: definition.index,
    name: definition.name,
    dir,
    config: emptyConfig(image),
    args: new Map(),
    shell: ['/bin/sh', '-c'],
    cmdSetHere: false,
  };
  if (image.toLowerCase() === 'scratch') return stage;
  const earlier = stages.find((candidate) => candidate.name !== undefined && candidate.name === image.toLowerCase());
  if (earlier) {
    await copyTreeInScope(earlier.dir, dir, '/', { signal: options.signal });
    stage.config = structuredClone(earlier.config);
    stage.shell = [...earlier.shell];
    return stage;
  }
  if (ImageRegistry.isLocalRef(image)) {
    const base = options.stageSources.localImage(image);
    if (!base)
      throw new BuildFailure(`FROM ${image}: no such image in the local Ignite (it holds only the images it built for this organization)`);
    await copyTreeInScope(base.rootfs_dir, dir, '/', { signal: options.signal });
    stage.config = { ...structuredClone(base.config), base_image: image };
    options.output.system(` ---> using the local image ${image} (${base.digest.slice(0, 19)})`);
    return stage;
  }
  options.output.system(
    ` ---> ${image} is not pulled: the local Ignite has no registry access, so the image holds only the files this Dockerfile adds`,
  );
  return stage;
}

export function emptyConfig(baseImage: string): ImageConfig {
  return { base_image: baseImage, entrypoint: [], cmd: [], env: {}, workdir: '', user: '', exposed_ports: [], labels: {} };
}
