import type { ContainerEngine } from '../engines/container-engine.js';
import { runCommand } from '../engines/engine-command.js';

/**
 * What a stopped podman build leaves behind, and its removal. Killing `podman build` (4.3) leaves
 * the RUN step's processes running under runc and a working container in the store. The processes
 * are this build's alone (its runc state has its own folder) and are killed at once; working
 * containers of concurrent builds cannot be told apart, so they are removed once no build of this
 * store runs (and at start-up).
 */
export class BuildLeftovers {
  private running = 0;
  private dirty = false;

  constructor(private readonly engine: ContainerEngine) {}

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0 && this.dirty) {
        this.dirty = false;
        await this.engine.removeBuildLeftovers();
      }
    }
  }

  /** A build was stopped: its working container goes when the store is idle. */
  markDirty(): void {
    this.dirty = true;
  }
}

/** SIGKILLs every RUN step of one build and removes its runc containers (and their cgroups). */
export async function killBuildSteps(engine: ContainerEngine, runcRoot: string): Promise<void> {
  const runtime = engine.spec.runtimePath;
  if (engine.name !== 'podman' || !runtime) return;
  const env = engine.spec.env;
  const listed = await runCommand(runtime, ['--root', runcRoot, 'list', '-q'], { env, timeoutMs: 10_000 }).catch(() => undefined);
  for (const id of listed?.stdout.split('\n').filter(Boolean) ?? []) {
    await runCommand(runtime, ['--root', runcRoot, 'delete', '--force', id], { env, timeoutMs: 10_000 }).catch(() => undefined);
  }
}
