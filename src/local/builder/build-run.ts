import { mkdir, rename, rm } from 'node:fs/promises';
import { isTerminalBuildStatus as isTerminal } from '../../contract/build-status.js';
import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { BuildStatus__Output } from '../../contract/generated/dodil/ignite/v1/BuildStatus.js';
import type { LocalServiceDeps } from '../deps.js';
import type { RegistryLogin } from '../engines/auth-file.js';
import { localImageRef } from '../images.js';
import { BuildFailure, shortDigest, type BuildOutput } from './build-output.js';
import type { BuildSpec } from './builds.js';
import type { ImageBuilder } from './image-builder.js';
import type { JournalWriter } from './journal.js';
import { prepareContext } from './prepare-context.js';

/** A build that is pending or running, with what only this process knows about it. */
export interface LiveBuild {
  record: Build__Output;
  spec: BuildSpec;
  /** What the Dockerfile sees: request args over the org's build secrets. */
  buildArgs: Record<string, string>;
  secretArgs: Set<string>;
  gitCredentials: { username: string; password: string } | undefined;
  /** The organization's registry credentials, for pulling private base images. */
  registryLogins: readonly RegistryLogin[];
  contextFile: string | undefined;
  writer: JournalWriter;
  controller: AbortController;
}

export const INTERRUPTED = 'interrupted: the local Ignite stopped during the build';

/** Why a build's abort signal fired. */
export class StopRequest {
  constructor(readonly kind: 'cancel' | 'timeout' | 'shutdown') {}
}

/** What one build needs from the BuildManager that runs it. */
export interface BuildRunEnvironment {
  deps: LocalServiceDeps;
  imageBuilder: ImageBuilder;
  /** The manager's one place where a record changes status. */
  transition(live: LiveBuild, status: BuildStatus__Output, error?: string): void;
}

/** setTimeout's ceiling; a longer build timeout would otherwise fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs one build to its end: RUNNING, the build context prepared, the image built and registered,
 * then SUCCEEDED, or FAILED with the reason in the log and on the record. A cancel or shutdown has
 * already ended the record by the time the work unwinds; then only the scratch files are cleaned up.
 */
export async function runBuild(live: LiveBuild, env: BuildRunEnvironment): Promise<void> {
  const { deps } = env;
  const id = live.record.build_id;
  const { signal } = live.controller;
  if (signal.aborted || isTerminal(live.record.status)) return;
  env.transition(live, 'BUILD_STATUS_RUNNING');
  const timeoutSecs = live.spec.timeout_secs;
  const timer = setTimeout(() => live.controller.abort(new StopRequest('timeout')), Math.min(timeoutSecs * 1000, MAX_TIMER_MS));
  const output: BuildOutput = {
    system: (text) => live.writer.line('system', text),
    stdout: (text) => live.writer.line('stdout', text),
    stderr: (text) => live.writer.line('stderr', text),
  };
  const workDir = deps.store.filePath('build-work', id);
  const rootfs = deps.images.rootfsDir(id);
  try {
    await mkdir(workDir, { recursive: true });
    const { spec } = live;
    const context = await prepareContext({
      spec,
      contextFile: live.contextFile,
      gitCredentials: live.gitCredentials,
      workDir,
      limits: deps.limits,
      hostEnv: deps.hostEnv,
      output,
      signal,
    });
    const refs = live.spec.tags.map((tag) => localImageRef(live.record.organization_name, live.spec.name, tag));
    const org = live.record.organization_name;
    const result = await env.imageBuilder.build({
      contextDir: context.dir,
      dockerfile: spec.dockerfile,
      dockerfileText: context.dockerfileText,
      buildArgs: live.buildArgs,
      secretArgs: live.secretArgs,
      platform: spec.platform,
      tags: refs,
      noCache: spec.no_cache,
      registryLogins: live.registryLogins,
      stageSources: {
        localImage: (ref) => localImageOf(deps, ref, org),
        heldByOtherOrganization: (ref) => (deps.images.resolve(ref)?.organization_name ?? org) !== org,
      },
      workDir,
      limits: deps.limits,
      output,
      signal,
    });
    await rm(rootfs, { recursive: true, force: true });
    if (result.rootfsDir) await rename(result.rootfsDir, rootfs);
    // From here on nothing awaits: a cancel cannot slip in between registering the image and SUCCEEDED.
    if (isTerminal(live.record.status)) return;
    deps.images.add({
      digest: result.digest.digest,
      refs,
      organization_name: live.record.organization_name,
      config: result.config,
      rootfs_dir: result.rootfsDir ? rootfs : '',
      ...(result.engine ? { engine: result.engine } : {}),
      steps_not_executed: result.stepsNotExecuted,
      build_id: id,
      created_at_ms: Date.now(),
      size_bytes: result.digest.sizeBytes,
    });
    const skipped = result.stepsNotExecuted.length;
    if (skipped > 0)
      output.system(
        `Note: ${skipped} RUN step${skipped === 1 ? ' was' : 's were'} not executed (no container engine); see steps_not_executed`,
      );
    output.system(`Successfully built ${shortDigest(result.digest.digest)}`);
    for (const ref of refs) output.system(`Successfully tagged ${ref}`);
    live.record = { ...live.record, image_refs: refs, image_digest: result.digest.digest, steps_not_executed: result.stepsNotExecuted };
    env.transition(live, 'BUILD_STATUS_SUCCEEDED');
  } catch (err) {
    if (isTerminal(live.record.status)) return;
    const stop = signal.aborted && signal.reason instanceof StopRequest ? signal.reason : undefined;
    let message: string;
    if (stop?.kind === 'timeout') message = `build timed out after ${timeoutSecs}s`;
    else if (err instanceof BuildFailure) message = err.message;
    else {
      deps.logger.error('local build failed unexpectedly', {
        build_id: id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      message = `internal error in the local Ignite: ${err instanceof Error ? err.message : String(err)}`;
    }
    output.stderr(message);
    env.transition(live, 'BUILD_STATUS_FAILED', message);
  } finally {
    clearTimeout(timer);
    await rm(workDir, { recursive: true, force: true });
    if (live.record.status !== 'BUILD_STATUS_SUCCEEDED') await rm(rootfs, { recursive: true, force: true });
  }
}

function localImageOf(deps: LocalServiceDeps, ref: string, organization: string) {
  const image = deps.images.resolve(ref);
  return image?.organization_name === organization ? image : undefined;
}
