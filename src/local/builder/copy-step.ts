import type { Stats } from 'node:fs';
import { lstat, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildFailure, type BuildOutput } from './build-output.js';
import { hasGlob, matchGlob } from './context-files.js';
import { execOrShellForm, stepFlags, type DockerfileStep } from './dockerfile.js';
import { copyFileInScope, copyTreeInScope, resolveInScope, statInScope } from './scoped-fs.js';
import type { UnpackLimits } from './unpack-guard.js';
import { InvalidArchive, sniffArchiveFile, unpackArchive } from './unpack.js';

const ALLOWED_FLAGS: Record<string, ReadonlySet<string>> = {
  COPY: new Set(['from', 'chown', 'chmod', 'link']),
  ADD: new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir']),
};
const URL_SOURCE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** Where COPY --from can take files from: an earlier stage, or a local image. */
export interface SourceRoot {
  dir: string;
  label: string;
}

export interface CopyEnvironment {
  contextDir: string;
  /** Scratch space for ADD's archive extraction. */
  workDir: string;
  resolveFrom(ref: string): Promise<SourceRoot>;
  limits: UnpackLimits;
  output: BuildOutput;
  signal: AbortSignal;
}

/** Runs COPY or ADD into `rootfs`: Docker's source, wildcard and destination rules, nothing written outside the rootfs. */
export async function runCopyStep(
  step: DockerfileStep,
  rootfs: string,
  workdir: string,
  expand: (word: string) => string,
  env: CopyEnvironment,
): Promise<void> {
  const kw = step.keyword;
  const flags = stepFlags(step);
  for (const name of flags.keys()) {
    if (!ALLOWED_FLAGS[kw]!.has(name)) throw new BuildFailure(`dockerfile parse error line ${step.line}: unknown flag: --${name}`);
  }
  const form = execOrShellForm(step);
  const words = 'exec' in form ? form.exec.map(expand) : step.instruction.getArguments().map((arg) => expand(arg.getValue()));
  if (words.some((word) => word.startsWith('<<'))) throw new BuildFailure(`${kw} with a heredoc is not supported by the local Ignite`);
  if (words.length < 2) throw new BuildFailure(`dockerfile parse error line ${step.line}: ${kw} requires at least two arguments`);
  const chmod = parseChmod(flags.get('chmod'), step);
  if (flags.has('chown')) env.output.system(` ---> --chown=${flags.get('chown')} noted: the local Ignite cannot change file owners`);
  const fromRef = flags.get('from');
  const root: SourceRoot = fromRef === undefined ? { dir: env.contextDir, label: 'build context' } : await env.resolveFrom(expand(fromRef));

  const dest = words[words.length - 1]!;
  const destPath = path.posix.isAbsolute(dest) ? dest : path.posix.join(workdir || '/', dest);
  const sources: { name: string; host: string; stats: Stats }[] = [];
  for (const source of words.slice(0, -1)) {
    if (URL_SOURCE.test(source)) {
      throw new BuildFailure(
        kw === 'ADD'
          ? `ADD failed: the local Ignite has no network: cannot fetch ${source}`
          : `COPY failed: source can't be a URL for COPY: ${source}`,
      );
    }
    const clean = path.posix.normalize(source);
    if (clean === '..' || clean.startsWith('../'))
      throw new BuildFailure(`${kw} failed: forbidden path outside the ${root.label}: ${source}`);
    const names = hasGlob(source) ? await matchGlob(root.dir, source, env.signal) : [source];
    for (const name of names) {
      const host = await resolveInScope(root.dir, name);
      const stats = await lstat(host).catch(() => undefined);
      if (!stats) throw notFound(kw, name, root, fromRef !== undefined);
      sources.push({ name, host, stats });
    }
  }
  if (sources.length === 0) throw new BuildFailure(`${kw} failed: no source files were specified`);
  if (sources.length > 1 && !dest.endsWith('/')) {
    throw new BuildFailure(`When using ${kw} with more than one source file, the destination must be a directory and end with a /`);
  }
  const destIsDir =
    dest.endsWith('/') || dest.endsWith('/.') || dest === '.' || (await statInScope(rootfs, destPath))?.isDirectory() === true;
  const options = { chmod, signal: env.signal };
  for (const source of sources) {
    if (source.stats.isDirectory()) {
      await copyTreeInScope(source.host, rootfs, destPath, options);
    } else if (kw === 'ADD' && (await extractLocalArchive(source, rootfs, destPath, env))) {
      continue;
    } else {
      const target = destIsDir ? path.posix.join(destPath, path.posix.basename(source.name)) : destPath;
      await copyFileInScope(source.host, source.stats, rootfs, target, options);
    }
  }
}

function notFound(kw: string, name: string, root: SourceRoot, fromStage: boolean): BuildFailure {
  return fromStage
    ? new BuildFailure(`${kw} failed: stat ${name}: file does not exist in ${root.label}`)
    : new BuildFailure(`${kw} failed: file not found in build context or excluded by .dockerignore: stat ${name}: file does not exist`);
}

function parseChmod(value: string | undefined, step: DockerfileStep): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-7]{3,4}$/.test(value)) throw new BuildFailure(`dockerfile parse error line ${step.line}: invalid chmod parameter: ${value}`);
  return parseInt(value, 8) & 0o777;
}

/**
 * ADD unpacks a local tar archive (plain or gzip) into the destination, as Docker does; zip and
 * anything unreadable as tar is copied as a file. Extraction goes through the same safety checks
 * as a build context, into scratch space first.
 */
async function extractLocalArchive(
  source: { name: string; host: string },
  rootfs: string,
  destPath: string,
  env: CopyEnvironment,
): Promise<boolean> {
  const format = await sniffArchiveFile(source.host);
  if (format !== 'gzip' && format !== 'tar') return false;
  const scratch = await mkdtemp(path.join(env.workDir, 'add-'));
  try {
    await unpackArchive(source.host, scratch, env.limits, env.signal, `archive ${source.name}`);
    await copyTreeInScope(scratch, rootfs, destPath, { signal: env.signal });
    env.output.system(` ---> ADD extracted the local archive ${source.name} into ${destPath}`);
    return true;
  } catch (err) {
    if (!(err instanceof InvalidArchive)) throw err;
    env.output.system(` ---> ${source.name} is not a tar archive; ADD copies it as a file`);
    return false;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
