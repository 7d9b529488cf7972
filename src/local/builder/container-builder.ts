import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContainerEngine } from '../engines/container-engine.js';
import { EngineFailure } from '../engines/container-engine.js';
import { engineError } from '../engines/engine-command.js';
import { BuildFailure, checkAborted } from './build-output.js';
import { BuildLeftovers, killBuildSteps } from './build-leftovers.js';
import { baseImagesOf } from './base-refs.js';
import { fromImage, parseDockerfile } from './dockerfile.js';
import { ensureBaseImages } from './engine-bases.js';
import type { ImageBuilder, ImageBuildRequest } from './image-builder.js';

export interface ContainerBuilderOptions {
  engine: ContainerEngine;
  /** Qualified image -> local image (see engines/image-map.ts). */
  imageMap: ReadonlyMap<string, string>;
  pullTimeoutMs: number;
  /** Where temporary registry auth files go. */
  authRoot: string;
}

/**
 * Env names the engine CLI itself reads: a build arg of that name cannot travel in its
 * environment without changing how the engine runs, so it goes on the command line instead.
 */
const ENGINE_ENV =
  /^(PATH|HOME|TMPDIR|USER|SHELL|PWD|LANG|LC_\w+|TZ|XDG_\w+|CONTAINERS?_\w+|BUILDAH_\w+|STORAGE_\w+|REGISTRY_AUTH_FILE|DOCKER_\w+)$/i;
/** The proxy build args Docker predefines; podman passes them from its environment by itself (--http-proxy). */
const PROXY_ARGS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/**
 * The builder that hands the build context to a container engine (podman or docker): every step
 * runs, RUN included, and every line the engine prints becomes a build log line as it is printed.
 */
export function containerBuilder(options: ContainerBuilderOptions): ImageBuilder {
  const { engine } = options;
  const leftovers = new BuildLeftovers(engine);
  return {
    async build(request) {
      const parsed = parseDockerfile(request.dockerfileText, request.dockerfile);
      await ensureBaseImages(baseImagesOf(parsed, request.buildArgs), {
        engine,
        imageMap: options.imageMap,
        logins: request.registryLogins ?? [],
        authRoot: options.authRoot,
        pullTimeoutMs: options.pullTimeoutMs,
        platform: request.platform,
        stageSources: request.stageSources,
        output: request.output,
        signal: request.signal,
      });
      checkAborted(request.signal);
      const dir = await engineFiles(request);
      const { args, env } = buildCommand(engine, request, dir);
      const finished = await leftovers.during(async () => {
        const result = await engine.command(args, {
          env,
          signal: request.signal,
          onLine: (stream, line) => request.output[stream](line),
        });
        if (result.aborted) {
          // podman 4.3 exits at once on SIGTERM (with status 0) and leaves the RUN step running.
          await killBuildSteps(engine, dir.runc);
          leftovers.markDirty();
        }
        return result;
      });
      if (finished.aborted) throw request.signal.reason;
      if (finished.code !== 0) throw new BuildFailure(engineError(finished));
      const id = (await readFile(dir.iidFile, 'utf8')).trim();
      const image = await engine.inspectImage(id);
      if (!image) throw new EngineFailure(`${engine.name} built ${id} but cannot inspect it`);
      const lastFrom = parsed.stages.at(-1)!.steps[0]!;
      return {
        rootfsDir: undefined,
        engine: engine.name,
        config: { ...image.config, base_image: fromImage(lastFrom) },
        stepsNotExecuted: [],
        digest: { digest: image.digest, sizeBytes: image.sizeBytes },
      };
    },
  };
}

interface EngineFiles {
  dockerfile: string;
  iidFile: string;
  tmp: string;
  runc: string;
}

/**
 * The Dockerfile goes beside the context, not in it: the context was already pruned by its ignore
 * file (which may have excluded the Dockerfile itself). Next to it an empty `<Dockerfile>.dockerignore`
 * (honoured by podman and BuildKit), and podman's --ignorefile too, keep the engine from applying
 * the context's ignore file a second time (or a .containerignore that Docker would not read).
 */
async function engineFiles(request: ImageBuildRequest): Promise<EngineFiles> {
  const root = path.join(request.workDir, 'engine');
  const files = {
    dockerfile: path.join(root, 'Dockerfile'),
    iidFile: path.join(root, 'image-id'),
    tmp: path.join(root, 'tmp'),
    runc: path.join(root, 'runc'),
  };
  await mkdir(files.tmp, { recursive: true });
  await writeFile(files.dockerfile, request.dockerfileText);
  await writeFile(`${files.dockerfile}.dockerignore`, '# the context was pruned by its ignore file already\n');
  return files;
}

function buildCommand(engine: ContainerEngine, request: ImageBuildRequest, files: EngineFiles) {
  const podman = engine.name === 'podman';
  const env: Record<string, string> = {};
  const argFlags: string[] = [];
  for (const [name, value] of Object.entries(request.buildArgs)) {
    if (!ENGINE_ENV.test(name)) {
      // `--build-arg NAME` takes the value from the engine's environment: no value shows in `ps`.
      env[name] = value;
      argFlags.push('--build-arg', name);
    } else if (!request.secretArgs.has(name)) argFlags.push('--build-arg', `${name}=${value}`);
    else throw new BuildFailure(`the build secret ${name} has a name the engine itself reads from its environment; rename it`);
  }
  if (!podman) {
    for (const name of PROXY_ARGS) if (engine.spec.env[name] && !(name in request.buildArgs)) argFlags.push('--build-arg', name);
  }
  const args = [
    'build',
    ...(podman
      ? [
          '--pull=never',
          '--format',
          'docker',
          '--ignorefile',
          `${files.dockerfile}.dockerignore`,
          // RUN steps' runc state in a folder of this build, so a cancel can find and kill them.
          '--runtime-flag',
          `root=${files.runc}`,
        ]
      : ['--progress=plain']),
    '-f',
    files.dockerfile,
    '--iidfile',
    files.iidFile,
    ...request.tags.flatMap((tag) => ['-t', tag]),
    ...argFlags,
    ...(request.platform ? ['--platform', request.platform] : []),
    ...(request.noCache ? ['--no-cache'] : []),
    request.contextDir,
  ];
  // podman keeps build bundles in $TMPDIR (default /var/tmp); this build's own folder is removed with it.
  if (podman) env.TMPDIR = files.tmp;
  return { args, env };
}
