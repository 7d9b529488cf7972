import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ContainerEngine } from '../engines/container-engine.js';
import { EngineFailure } from '../engines/container-engine.js';
import { engineError, runCommand, type CommandResult } from '../engines/engine-command.js';
import { BuildFailure, checkAborted } from './build-output.js';
import { BuildLeftovers, killBuildSteps } from './build-leftovers.js';
import { baseImagesOf } from './base-refs.js';
import { fromImage, parseDockerfile } from './dockerfile.js';
import { ensureBaseImages } from './engine-bases.js';
import type { EarlyBuild, EarlyBuildRequest, ImageBuilder, ImageBuildRequest } from './image-builder.js';

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
 *
 * With podman, startEarly() starts `podman build` while the context is still being unpacked, with
 * its Dockerfile a FIFO: podman's own start-up (about 40 ms of a build, more on a busy machine)
 * overlaps the unpack, and podman blocks reading the Dockerfile until build() writes it, which is
 * only once the context is complete, checked and pruned. Nothing of the context is read before.
 */
export function containerBuilder(options: ContainerBuilderOptions): ImageBuilder {
  const { engine } = options;
  const leftovers = new BuildLeftovers(engine);
  /** Runs the engine's build to its end; a stopped build's RUN steps are killed once it has a Dockerfile. */
  const run = (
    command: { args: string[]; env: Record<string, string> },
    files: EngineFiles,
    request: Pick<ImageBuildRequest, 'output'>,
    signal: AbortSignal,
    mayHaveStarted: () => boolean,
  ) =>
    leftovers.during(async () => {
      const result = await engine.command(command.args, {
        env: command.env,
        signal,
        onLine: (stream, line) => request.output[stream](line),
      });
      if (result.aborted && mayHaveStarted()) {
        // podman 4.3 exits at once on SIGTERM (with status 0) and leaves the RUN step running.
        await killBuildSteps(engine, files.runc);
        leftovers.markDirty();
      }
      return result;
    });
  return {
    async startEarly(request) {
      if (engine.name !== 'podman') return undefined;
      try {
        const files = await earlyEngineFiles(engine, request);
        const command = buildCommand(engine, request, files);
        return new EarlyPodmanBuild(files, (signal, fed) => run(command, files, request, signal, fed), request.signal);
      } catch {
        // build() starts the engine itself, and reports what went wrong (a bad build arg name) there.
        return undefined;
      }
    },
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
      request.mark?.('bases');
      let finished: CommandResult;
      let iidFile: string;
      if (request.early instanceof EarlyPodmanBuild) {
        iidFile = request.early.files.iidFile;
        finished = await request.early.feed(request.dockerfileText);
      } else {
        const dir = await engineFiles(request);
        request.mark?.('engine_files');
        iidFile = dir.iidFile;
        finished = await run(buildCommand(engine, request, dir), dir, request, request.signal, () => true);
      }
      request.mark?.('engine');
      if (finished.aborted) throw request.signal.reason;
      if (finished.code !== 0) throw new BuildFailure(engineError(finished));
      const id = (await readFile(iidFile, 'utf8')).trim();
      const image = await engine.inspectImage(id);
      request.mark?.('inspect');
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

/** How often a FIFO writer looks again for its reader, or for room in the pipe. */
const FIFO_POLL_MS = 2;

/**
 * A `podman build` started before its context is ready, blocked reading its Dockerfile from a FIFO.
 * The FIFO is written without ever blocking (O_NONBLOCK, retried while podman lives), so a podman
 * that exits early or never opens it cannot hang the build.
 */
class EarlyPodmanBuild implements EarlyBuild {
  readonly result: Promise<CommandResult>;
  private readonly stop = new AbortController();
  private exited = false;
  private fed = false;

  constructor(
    readonly files: EngineFiles,
    start: (signal: AbortSignal, fed: () => boolean) => Promise<CommandResult>,
    signal: AbortSignal,
  ) {
    this.result = start(AbortSignal.any([signal, this.stop.signal]), () => this.fed);
    this.result.then(
      () => (this.exited = true),
      () => (this.exited = true),
    );
  }

  /** Gives podman its Dockerfile (the context is ready by now) and waits for the build to end. */
  async feed(dockerfileText: string): Promise<CommandResult> {
    this.fed = true;
    const fd = await this.openWriter();
    if (fd !== undefined) {
      try {
        await this.writeAll(fd, Buffer.from(dockerfileText));
      } catch {
        // podman went away while reading: its exit and output say why.
      } finally {
        closeSync(fd);
      }
    }
    return this.result;
  }

  async abandon(): Promise<void> {
    this.stop.abort();
    await this.result.catch(() => undefined);
  }

  private async openWriter(): Promise<number | undefined> {
    for (;;) {
      try {
        return openSync(this.files.dockerfile, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (err) {
        // ENXIO: podman has not opened it for reading yet.
        if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw err;
      }
      if (this.exited) return undefined;
      await delay(FIFO_POLL_MS);
    }
  }

  private async writeAll(fd: number, data: Buffer): Promise<void> {
    for (let offset = 0; offset < data.length;) {
      try {
        offset += writeSync(fd, data, offset);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || this.exited) throw err;
        await delay(FIFO_POLL_MS);
      }
    }
  }
}

/** The engine files of an early build: the Dockerfile is a FIFO, and the context folder exists already. */
async function earlyEngineFiles(engine: ContainerEngine, request: EarlyBuildRequest): Promise<EngineFiles> {
  const files = engineFilesIn(path.join(request.workDir, 'engine-early'));
  await Promise.all([mkdir(files.tmp, { recursive: true }), mkdir(request.contextDir, { recursive: true })]);
  await writeFile(`${files.dockerfile}.dockerignore`, IGNORE_FILE_TEXT);
  const made = await runCommand('mkfifo', ['-m', '0600', files.dockerfile], { env: engine.spec.env, timeoutMs: 10_000 });
  if (made.code !== 0) throw new Error(`mkfifo failed: ${engineError(made)}`);
  return files;
}

const IGNORE_FILE_TEXT = '# the context was pruned by its ignore file already\n';

interface EngineFiles {
  dockerfile: string;
  iidFile: string;
  tmp: string;
  runc: string;
}

/** Where a build's engine files live in `root`: its Dockerfile, the image id podman writes, its TMPDIR and runc state. */
function engineFilesIn(root: string): EngineFiles {
  return {
    dockerfile: path.join(root, 'Dockerfile'),
    iidFile: path.join(root, 'image-id'),
    tmp: path.join(root, 'tmp'),
    runc: path.join(root, 'runc'),
  };
}

/**
 * The Dockerfile goes beside the context, not in it: the context was already pruned by its ignore
 * file (which may have excluded the Dockerfile itself). Next to it an empty `<Dockerfile>.dockerignore`
 * (honoured by podman and BuildKit), and podman's --ignorefile too, keep the engine from applying
 * the context's ignore file a second time (or a .containerignore that Docker would not read).
 */
async function engineFiles(request: ImageBuildRequest): Promise<EngineFiles> {
  const files = engineFilesIn(path.join(request.workDir, 'engine'));
  await mkdir(files.tmp, { recursive: true });
  await writeFile(files.dockerfile, request.dockerfileText);
  await writeFile(`${files.dockerfile}.dockerignore`, IGNORE_FILE_TEXT);
  return files;
}

function buildCommand(engine: ContainerEngine, request: EarlyBuildRequest, files: EngineFiles) {
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
