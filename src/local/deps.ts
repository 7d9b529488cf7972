import type { Logger } from '../shared/log.js';
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
}
