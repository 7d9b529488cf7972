import type { Logger } from '../shared/log.js';
import type { ContainerEngine } from './engines/container-engine.js';
import type { EngineName } from './engines/engine-choice.js';
import type { CallerPolicy } from './rpc/caller.js';
import type { ImageRegistry } from './images.js';
import type { LocalLimits } from './limits.js';
import type { LocalStore } from './store.js';

/** What every local service gets from the server that hosts it. */
export interface LocalServiceDeps {
  store: LocalStore;
  images: ImageRegistry;
  callers: CallerPolicy;
  limits: LocalLimits;
  logger: Logger;
  /**
   * The environment children (git, app processes) start from: where programs are, locale, proxies.
   * Given by the command line, so no token of the caller's environment can reach a child.
   */
  hostEnv: Readonly<Record<string, string>>;
  /** What builds images and runs apps: a container engine, or the process engine (fallback). */
  engine: LocalEngine;
}

export interface LocalEngine {
  name: EngineName;
  /** The engine's CLI; undefined for the process engine. */
  container: ContainerEngine | undefined;
  /** Qualified image -> local image, for offline base images (engines/image-map.ts). */
  imageMap: ReadonlyMap<string, string>;
  /** Labels that mark this local Ignite's containers (data directory, daemon). */
  labels: Readonly<Record<string, string>>;
}
