import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildSpec } from './builds.js';
import { unpackLimits, type LocalLimits } from '../limits.js';
import { BuildFailure, checkAborted, formatDockerSize, type BuildOutput } from './build-output.js';
import { applyDockerignore } from './context-files.js';
import { cloneGitSource } from './git-clone.js';
import { resolveInScope } from './scoped-fs.js';
import { dropSecretFiles, type LeftOut } from './secret-filter.js';
import { unpackArchive } from './unpack.js';

export interface PrepareContextInput {
  spec: BuildSpec;
  /** The uploaded archive, for a context source. */
  contextFile: string | undefined;
  gitCredentials: { username: string; password: string } | undefined;
  /** Scratch space for this build, existing and empty; the caller removes it afterwards. */
  workDir: string;
  limits: LocalLimits;
  /** What git starts from (LocalServiceDeps.hostEnv). */
  hostEnv: Readonly<Record<string, string>>;
  output: BuildOutput;
  signal: AbortSignal;
  /** Marks the end of a phase (the debug timing line); optional. */
  mark?: (phase: string) => void;
}

export interface PreparedContext {
  /** The build context, after .dockerignore. */
  dir: string;
  dockerfileText: string;
}

/**
 * A build's source as a build context on disk, the same for every image builder: the archive
 * unpacked or the repository cloned, the Dockerfile read, then .dockerignore applied.
 */
export async function prepareContext(input: PrepareContextInput): Promise<PreparedContext> {
  const { spec, output, signal } = input;
  const { dir, leftOut, treeBytes } = await materialize(input);
  input.mark?.('unpack');
  checkAborted(signal);
  if (leftOut.length > 0) {
    const named = leftOut.slice(0, 20).map((file) => `${file.path} (${file.reason})`);
    const more = leftOut.length > named.length ? `, and ${leftOut.length - named.length} more` : '';
    output.system(
      `left out ${leftOut.length} secret-shaped file${leftOut.length === 1 ? '' : 's'} of the repository: ${named.join(', ')}${more}`,
    );
  }
  const dockerfileLeftOut = leftOut.find((file) => spec.dockerfile === file.path || spec.dockerfile.startsWith(`${file.path}/`));
  if (dockerfileLeftOut) {
    throw new BuildFailure(
      `the Dockerfile ${spec.dockerfile} looks like a secret (${dockerfileLeftOut.reason}), so it was left out of the repository and is not read`,
    );
  }

  // Read before .dockerignore runs: Docker still uses a Dockerfile the ignore file excludes.
  const dockerfilePath = await resolveInScope(dir, spec.dockerfile);
  const dockerfileStats = await lstat(dockerfilePath).catch(() => undefined);
  if (!dockerfileStats?.isFile()) throw new BuildFailure(`Cannot locate specified Dockerfile: ${spec.dockerfile}`);
  const dockerfileText = await readFile(dockerfilePath, 'utf8');
  const ignored = await applyDockerignore(dir, spec.dockerfile, signal);
  // An unpacked archive knows its size; only a pruned or cloned tree is walked for it.
  const size = treeBytes !== undefined && ignored.removed === 0 ? treeBytes : await treeSize(dir);
  output.system(`Sending build context to Docker daemon  ${formatDockerSize(size)}`);
  if (ignored.removed > 0)
    output.system(`${ignored.file} excluded ${ignored.removed} path${ignored.removed === 1 ? '' : 's'} from the build context`);
  return { dir, dockerfileText };
}

/** Where an uploaded or inline archive is unpacked, known before it is. */
export function archiveContextDir(workDir: string): string {
  return path.join(workDir, 'context');
}

async function materialize(input: PrepareContextInput): Promise<{ dir: string; leftOut: LeftOut[]; treeBytes?: number }> {
  const { spec, workDir, output, signal } = input;
  const source = spec.source;
  if (source.kind === 'git') {
    const dir = await cloneGitSource({
      url: source.url,
      reference: source.reference,
      contextDir: source.context_dir,
      credentials: source.credentials ?? input.gitCredentials,
      dest: path.join(workDir, 'git'),
      scratch: workDir,
      hostEnv: input.hostEnv,
      output,
      signal,
    });
    return { dir, leftOut: await dropSecretFiles(dir, signal) };
  }
  let archive = input.contextFile;
  if (source.kind === 'inline') {
    archive = path.join(workDir, 'inline-context');
    await writeFile(archive, source.archive);
  }
  if (!archive) throw new BuildFailure('the build context is missing');
  const contextDir = archiveContextDir(workDir);
  const { skipped, treeBytes } = await unpackArchive(archive, contextDir, unpackLimits(input.limits), signal);
  for (const entry of skipped) output.system(`skipped ${entry}: only files, directories and links are part of a build context`);
  return { dir: contextDir, leftOut: [], treeBytes };
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
