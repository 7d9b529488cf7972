import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildSpec } from './build-engine.js';
import type { ImageConfig } from '../images.js';
import type { LocalLimits } from '../limits.js';
import { BuildFailure, checkAborted, formatDockerSize, type BuildOutput } from './build-output.js';
import { applyDockerignore } from './context-files.js';
import { digestImage, type ImageDigest } from './digest.js';
import { parseDockerfile } from './dockerfile.js';
import { executeDockerfile } from './executor.js';
import { cloneGitSource } from './git-clone.js';
import { resolveInScope } from './scoped-fs.js';
import type { StageSource } from './stage-base.js';
import type { UnpackLimits } from './unpack-guard.js';
import { unpackArchive } from './unpack.js';

export interface RunBuildInput {
  spec: BuildSpec;
  /** The uploaded archive, for a context source. */
  contextFile: string | undefined;
  gitCredentials: { username: string; password: string } | undefined;
  buildArgs: Readonly<Record<string, string>>;
  secretArgs: ReadonlySet<string>;
  /** Scratch space for this build, empty; the caller removes it afterwards. */
  workDir: string;
  stageSources: StageSource;
  limits: LocalLimits;
  output: BuildOutput;
  signal: AbortSignal;
}

export interface RunBuildResult {
  /** The final stage's files, still inside `workDir`. */
  rootfsDir: string;
  config: ImageConfig;
  stepsNotExecuted: string[];
  digest: ImageDigest;
}

/** One build from source to assembled image: context, .dockerignore, Dockerfile, steps, digest. */
export async function runBuild(input: RunBuildInput): Promise<RunBuildResult> {
  const { spec, output, signal, workDir } = input;
  await mkdir(workDir, { recursive: true });
  const contextDir = await prepareContext(input);
  checkAborted(signal);

  const dockerfilePath = await resolveInScope(contextDir, spec.dockerfile);
  const dockerfileStats = await lstat(dockerfilePath).catch(() => undefined);
  if (!dockerfileStats?.isFile()) throw new BuildFailure(`Cannot locate specified Dockerfile: ${spec.dockerfile}`);
  const dockerfileText = await readFile(dockerfilePath, 'utf8');
  const ignored = await applyDockerignore(contextDir, spec.dockerfile, signal);
  output.system(`Sending build context to Docker daemon  ${formatDockerSize(await treeSize(contextDir))}`);
  if (ignored.removed > 0) output.system(`${ignored.file} excluded ${ignored.removed} path${ignored.removed === 1 ? '' : 's'} from the build context`);

  const parsed = parseDockerfile(dockerfileText, spec.dockerfile);
  const result = await executeDockerfile(parsed, {
    contextDir,
    workDir,
    buildArgs: input.buildArgs,
    secretArgs: input.secretArgs,
    platform: spec.platform,
    stageSources: input.stageSources,
    stepDelayMs: input.limits.buildStepDelayMs ?? 0,
    limits: unpackLimits(input.limits),
    output,
    signal,
  });
  const digest = await digestImage(result.rootfsDir, result.config, signal);
  return { ...result, digest };
}

async function prepareContext(input: RunBuildInput): Promise<string> {
  const { spec, workDir, output, signal } = input;
  const contextDir = path.join(workDir, 'context');
  const source = spec.source;
  if (source.kind === 'git') {
    return cloneGitSource({
      url: source.url,
      reference: source.reference,
      contextDir: source.context_dir,
      credentials: source.credentials ?? input.gitCredentials,
      dest: path.join(workDir, 'git'),
      scratch: workDir,
      output,
      signal,
    });
  }
  let archive = input.contextFile;
  if (source.kind === 'inline') {
    archive = path.join(workDir, 'inline-context');
    await writeFile(archive, source.archive);
  }
  if (!archive) throw new BuildFailure('the build context is missing');
  const { skipped } = await unpackArchive(archive, contextDir, unpackLimits(input.limits), signal);
  for (const entry of skipped) output.system(`skipped ${entry}: only files, directories and links are part of a build context`);
  return contextDir;
}

export function unpackLimits(limits: LocalLimits): UnpackLimits {
  return { maxBytes: limits.unpackedContextBytes, maxRatio: limits.unpackRatio, maxEntries: limits.unpackEntries };
}

async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await treeSize(child);
    else total += (await lstat(child)).size;
  }
  return total;
}
