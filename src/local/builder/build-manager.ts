import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isTerminalBuildStatus as isTerminal, shortBuildStatus } from '../../contract/build-status.js';
import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { BuildStatus__Output } from '../../contract/generated/dodil/ignite/v1/BuildStatus.js';
import { redacted } from '../../shared/redact.js';
import type { LocalServiceDeps } from '../deps.js';
import type { Caller } from '../rpc/caller.js';
import { failedPrecondition, notFound } from '../rpc/errors.js';
import type { Collection } from '../store.js';
import { INTERRUPTED, runBuild, StopRequest, type BuildRunEnvironment, type LiveBuild } from './build-run.js';
import type { BuildSecretStore } from './build-secrets.js';
import { describeSource, normalizeBuildSpec, secretValues } from './build-spec.js';
import type { Builds, BuildSpec } from './builds.js';
import type { ContextStore } from './contexts.js';
import type { ImageBuilder } from './image-builder.js';
import { loginsFromRegistryCredentials } from '../engines/auth-file.js';
import type { BuildJournal } from './journal.js';

const MAX_PARALLEL_BUILDS = 4;

/**
 * Owns every build: the records, the queue, cancellation and the ends of builds. A build's final
 * state is decided here, synchronously, so a cancel and a finishing build cannot both win; the
 * work itself (build-run.ts) only reports back.
 */
export class BuildManager implements Builds {
  private readonly builds: Collection<Build__Output>;
  private readonly live = new Map<string, LiveBuild>();
  private readonly queue: string[] = [];
  private readonly tasks = new Set<Promise<void>>();
  private readonly ended = new EventEmitter().setMaxListeners(0);
  private sequence = 0;
  private readonly runEnvironment: BuildRunEnvironment;
  /** Resolves once builds cut short by a previous run have their closing log lines. */
  readonly ready: Promise<void>;

  constructor(
    private readonly deps: LocalServiceDeps,
    private readonly contexts: ContextStore,
    private readonly secrets: BuildSecretStore,
    readonly journal: BuildJournal,
    imageBuilder: ImageBuilder,
  ) {
    this.builds = deps.store.collection<Build__Output>('builds');
    this.runEnvironment = { deps, imageBuilder, transition: (live, status, error) => this.transition(live, status, error) };
    this.ready = this.recoverInterrupted();
  }

  start(spec: BuildSpec, caller: Caller): Build__Output {
    const organization = this.deps.callers.organizationFor(caller, spec.organization_name);
    const normalized = normalizeBuildSpec({ ...spec, organization_name: organization }, this.deps.limits, this.contexts);
    const org = this.secrets.get(organization);
    const secretArgs = new Set(Object.keys(org?.build_secrets ?? {}).filter((name) => !Object.hasOwn(normalized.build_args, name)));
    const buildArgs = { ...org?.build_secrets, ...normalized.build_args };
    const echoed = Object.fromEntries(
      Object.entries(buildArgs).map(([name, value]) => [name, secretArgs.has(name) ? redacted('secret') : value]),
    );
    const id = `bld_${Date.now().toString(16).padStart(12, '0')}${(this.sequence++ % 0x10000).toString(16).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
    const record: Build__Output = {
      build_id: id,
      status: 'BUILD_STATUS_PENDING',
      image_refs: [],
      build_args: echoed,
      created_at_ms: String(Date.now()),
      name: normalized.name,
      tags: normalized.tags,
      dockerfile: normalized.dockerfile,
      platform: normalized.platform,
      started_at_ms: '0',
      finished_at_ms: '0',
      image_digest: '',
      error: '',
      source: describeSource(normalized),
      last_log_seq: '0',
      steps_not_executed: [],
      organization_name: organization,
      timeout_secs: String(normalized.timeout_secs),
      no_cache: normalized.no_cache,
      engine: this.deps.engine.name,
    };
    const registryLogins = loginsFromRegistryCredentials(org?.registry_credentials ?? {});
    const redactions = [
      ...secretValues(normalized, org?.build_secrets, org?.git_credentials?.password),
      ...Object.values(org?.registry_credentials ?? {}),
      ...registryLogins.map((login) => login.password),
    ];
    const writer = this.journal.create(id, redactions);
    const contextFile = normalized.source.kind === 'context' ? this.contexts.file(normalized.source.context_id) : undefined;
    this.live.set(id, {
      record,
      spec: normalized,
      buildArgs,
      secretArgs,
      gitCredentials: org?.git_credentials,
      registryLogins,
      contextFile,
      writer,
      controller: new AbortController(),
    });
    this.builds.put(id, record);
    writer.status({ status: record.status, at_ms: Date.now(), terminal: false, error: '' });
    this.queue.push(id);
    setImmediate(() => this.pump());
    return this.snapshot(record);
  }

  get(buildId: string): Build__Output | undefined {
    const live = this.live.get(buildId);
    if (live) return this.snapshot(live.record, live.writer.seq);
    const record = this.builds.get(buildId);
    return record && this.snapshot(record);
  }

  /** The build if the organization may see it; NOT_FOUND otherwise, as for a build that does not exist. */
  getFor(buildId: string, organization: string): Build__Output {
    const build = buildId ? this.get(buildId) : undefined;
    if (!build || build.organization_name !== organization) throw notFound(`build "${buildId}" not found`);
    return build;
  }

  list(organization: string): Build__Output[] {
    return this.builds
      .values()
      .filter((build) => build.organization_name === organization)
      .map((build) => this.get(build.build_id)!);
  }

  /** Where a tail-from-now reader starts: the live writer's position, or the end of a finished log. */
  logPosition(buildId: string): { seq: number; bytes: number } | undefined {
    const live = this.live.get(buildId);
    return live && { seq: live.writer.seq, bytes: live.writer.bytes };
  }

  cancel(buildId: string, organization: string): Build__Output {
    const build = this.getFor(buildId, organization);
    const live = this.live.get(buildId);
    if (!live)
      throw failedPrecondition(
        `build ${buildId} is already ${build.status.replace('BUILD_STATUS_', '')}; only pending or running builds can be cancelled`,
      );
    live.writer.line('system', 'Build cancelled by request');
    this.transition(live, 'BUILD_STATUS_CANCELLED', 'cancelled by request');
    live.controller.abort(new StopRequest('cancel'));
    return this.get(buildId)!;
  }

  waitForEnd(buildId: string, signal?: AbortSignal): Promise<Build__Output> {
    const build = this.get(buildId);
    if (!build) return Promise.reject(notFound(`build "${buildId}" not found`));
    if (isTerminal(build.status)) return Promise.resolve(build);
    return new Promise((resolve, reject) => {
      const onEnd = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.get(buildId)!);
      };
      const onAbort = () => {
        this.ended.off(buildId, onEnd);
        reject(signal!.reason);
      };
      this.ended.once(buildId, onEnd);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  activeCount(): number {
    return this.live.size;
  }

  /** Stops every build (they end FAILED as interrupted, the same as after a crash) and waits for their cleanup. */
  async shutdown(): Promise<void> {
    await this.ready;
    for (const live of [...this.live.values()]) {
      live.writer.line('system', 'The local Ignite is shutting down; the build is stopped');
      this.transition(live, 'BUILD_STATUS_FAILED', INTERRUPTED);
      live.controller.abort(new StopRequest('shutdown'));
    }
    await Promise.allSettled([...this.tasks]);
  }

  /** Moves a build to a new status; the single place records change, in memory, on disk and in the log. */
  private transition(live: LiveBuild, status: BuildStatus__Output, error = ''): void {
    if (isTerminal(live.record.status)) return;
    const now = Date.now();
    live.record = {
      ...live.record,
      status,
      error,
      last_log_seq: String(live.writer.seq),
      ...(status === 'BUILD_STATUS_RUNNING' ? { started_at_ms: String(now) } : {}),
      ...(isTerminal(status) ? { finished_at_ms: String(now) } : {}),
    };
    this.builds.put(live.record.build_id, live.record);
    live.writer.status({ status, at_ms: now, terminal: isTerminal(status), error });
    // One info line when a build starts and one when it ends, so a standalone local Ignite shows its work.
    const { build_id, name, started_at_ms } = live.record;
    if (status === 'BUILD_STATUS_RUNNING') this.deps.logger.info(`build ${build_id} started`, { name, status: 'RUNNING' });
    const duration_ms = Number(started_at_ms) > 0 ? now - Number(started_at_ms) : 0; // 0: ended before it ran
    if (isTerminal(status)) this.deps.logger.info(`build ${build_id} ended`, { name, status: shortBuildStatus(status), duration_ms });
    if (!isTerminal(status)) return;
    this.live.delete(live.record.build_id);
    this.ended.emit(live.record.build_id);
  }

  private pump(): void {
    while (this.tasks.size < MAX_PARALLEL_BUILDS && this.queue.length > 0) {
      const live = this.live.get(this.queue.shift()!);
      if (!live) continue;
      const task = runBuild(live, this.runEnvironment).finally(() => {
        this.tasks.delete(task);
        this.pump();
      });
      this.tasks.add(task);
    }
  }

  private snapshot(record: Build__Output, seq?: number): Build__Output {
    return { ...record, last_log_seq: seq === undefined ? record.last_log_seq : String(seq) };
  }

  /** Builds the last process left PENDING or RUNNING end FAILED, with a line in their log saying why. */
  private async recoverInterrupted(): Promise<void> {
    const workRoot = path.dirname(this.deps.store.filePath('build-work', 'probe'));
    for (const name of readdirSync(workRoot)) rmSync(path.join(workRoot, name), { recursive: true, force: true });
    const interrupted = this.builds.values().filter((build) => !isTerminal(build.status));
    const now = String(Date.now());
    for (const build of interrupted) {
      rmSync(this.deps.images.rootfsDir(build.build_id), { recursive: true, force: true });
      this.builds.put(build.build_id, { ...build, status: 'BUILD_STATUS_FAILED', error: INTERRUPTED, finished_at_ms: now });
    }
    for (const build of interrupted) {
      const writer = await this.journal.resume(build.build_id);
      writer.line('system', `${INTERRUPTED}; the build was marked failed when it restarted`);
      this.builds.put(build.build_id, { ...this.builds.get(build.build_id)!, last_log_seq: String(writer.seq) });
      writer.status({ status: 'BUILD_STATUS_FAILED', at_ms: Date.now(), terminal: true, error: INTERRUPTED });
    }
  }
}
