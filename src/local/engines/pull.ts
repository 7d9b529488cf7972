import type { ContainerEngine } from './container-engine.js';
import { EngineFailure } from './container-engine.js';
import { engineError } from './engine-command.js';
import { withAuthFile, type RegistryLogin } from './auth-file.js';
import { isLoopbackRegistry, registryOf } from './image-names.js';

export interface PullOptions {
  /** Credentials for the image's registry; written to a temporary auth file for this pull only. */
  logins?: readonly RegistryLogin[];
  /** Where temporary auth folders go (inside the data directory, never a shared temp dir). */
  authRoot: string;
  platform?: string;
  /** Always set: a registry that accepts the connection and never answers hangs a pull for minutes. */
  timeoutMs: number;
  signal?: AbortSignal;
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

/**
 * Pulls a fully qualified reference into the engine's store. A registry that cannot be reached or
 * refuses the pull fails with the engine's own error line; the timeout is ours.
 */
export async function pullImage(engine: ContainerEngine, qualifiedRef: string, options: PullOptions): Promise<void> {
  const registry = registryOf(qualifiedRef);
  const logins = (options.logins ?? []).filter((login) => login.registry === registry);
  const run = async (auth: { dir: string; file: string } | undefined) => {
    const podman = engine.name === 'podman';
    const args = [
      ...(auth && !podman ? ['--config', auth.dir] : []),
      'pull',
      ...(auth && podman ? ['--authfile', auth.file] : []),
      ...(podman && isLoopbackRegistry(registry) ? ['--tls-verify=false'] : []),
      ...(options.platform ? ['--platform', options.platform] : []),
      qualifiedRef,
    ];
    const result = await engine.command(args, { timeoutMs: options.timeoutMs, signal: options.signal, onLine: options.onLine });
    if (result.aborted) throw options.signal?.reason ?? new Error('pull aborted');
    if (result.timedOut)
      throw new EngineFailure(
        `pulling ${qualifiedRef} did not finish within ${Math.round(options.timeoutMs / 1000)} s (the registry ${registry} does not answer)`,
      );
    if (result.code !== 0) throw new EngineFailure(`pulling ${qualifiedRef} failed: ${engineError(result)}`);
  };
  if (logins.length === 0) return run(undefined);
  return withAuthFile(options.authRoot, logins, run);
}
