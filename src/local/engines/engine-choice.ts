/** Which engine builds images and runs apps. `auto` picks the first container engine that answers. */
export const ENGINE_CHOICES = ['auto', 'podman', 'docker', 'process'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export type ContainerEngineName = 'podman' | 'docker';
/** The engine in use: a container engine, or the host-process fallback. */
export type EngineName = ContainerEngineName | 'process';

export function isEngineChoice(value: string): value is EngineChoice {
  return (ENGINE_CHOICES as readonly string[]).includes(value);
}

/** Labels on every container the local Ignite starts, so leftovers of an earlier run can be found. */
export const LABELS = {
  /** The data directory whose local Ignite started the container. */
  data: 'ignite-mcp.data',
  /** The local Ignite process (daemon) that started it. */
  daemon: 'ignite-mcp.daemon',
  /** "<org>/<app>". */
  app: 'ignite-mcp.app',
  /** "draft" or the version number. */
  version: 'ignite-mcp.version',
} as const;
