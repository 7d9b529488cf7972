import type { RegistryLogin } from '../engines/auth-file.js';
import type { ContainerEngineName } from '../engines/engine-choice.js';
import type { ImageConfig } from '../images.js';
import { unpackLimits, type LocalLimits } from '../limits.js';
import type { BuildOutput } from './build-output.js';
import { digestImage, type ImageDigest } from './digest.js';
import { parseDockerfile } from './dockerfile.js';
import { executeDockerfile } from './dockerfile-executor.js';
import type { StageSource } from './stage-base.js';

/** A build context on disk with its Dockerfile, ready for an image builder. */
export interface ImageBuildRequest {
  /** The build context after .dockerignore. */
  contextDir: string;
  /** The Dockerfile's path in the context, for messages. */
  dockerfile: string;
  /** Read before .dockerignore ran, which may exclude the Dockerfile itself. */
  dockerfileText: string;
  /** Build args as the Dockerfile sees them (request args over the org's build secrets). */
  buildArgs: Readonly<Record<string, string>>;
  /** Names whose values must never be echoed (build secrets). */
  secretArgs: ReadonlySet<string>;
  platform: string;
  /** The refs the image gets, localhost/<org>/<name>:<tag>. */
  tags: readonly string[];
  noCache: boolean;
  /** The organization's registry credentials (SaveBuildSecrets), for pulling private base images. */
  registryLogins?: readonly RegistryLogin[];
  /** Images FROM and COPY --from may use. */
  stageSources: StageSource;
  /** Scratch space for this build; the caller removes it afterwards. */
  workDir: string;
  limits: LocalLimits;
  output: BuildOutput;
  signal: AbortSignal;
}

export interface BuiltImage {
  /** The image's files, still inside `workDir`; undefined when the image lives in a container engine's store. */
  rootfsDir: string | undefined;
  /** The container engine whose store holds the image; undefined for an assembled one. */
  engine?: ContainerEngineName;
  config: ImageConfig;
  /** Dockerfile steps this builder records without running them. */
  stepsNotExecuted: string[];
  digest: Pick<ImageDigest, 'digest' | 'sizeBytes'>;
}

/**
 * What turns a build context and its Dockerfile into an image. Everything around it (sources,
 * .dockerignore, queue, records, logs, the image registry) is the same whichever builder runs.
 */
export interface ImageBuilder {
  build(request: ImageBuildRequest): Promise<BuiltImage>;
}

/**
 * The builder that needs no container engine: it assembles the image's files and config from the
 * Dockerfile's FROM, COPY/ADD and config steps, and records RUN steps instead of running them.
 */
export const fileAssembler: ImageBuilder = {
  async build(request) {
    const parsed = parseDockerfile(request.dockerfileText, request.dockerfile);
    const result = await executeDockerfile(parsed, {
      contextDir: request.contextDir,
      workDir: request.workDir,
      buildArgs: request.buildArgs,
      secretArgs: request.secretArgs,
      platform: request.platform,
      stageSources: request.stageSources,
      stepDelayMs: request.limits.buildStepDelayMs ?? 0,
      limits: unpackLimits(request.limits),
      output: request.output,
      signal: request.signal,
    });
    const digest = await digestImage(result.rootfsDir, result.config, request.signal);
    return { ...result, digest };
  },
};
