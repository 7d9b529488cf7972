import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../shared/log.js';
import type { LocalEngine } from '../deps.js';
import type { LocalStore } from '../store.js';
import { resetStore } from './container-engine.js';
import { selectEngine } from './detect.js';
import { LABELS, type EngineChoice } from './engine-choice.js';
import { IMAGE_MAP_FILE, loadImageMap } from './image-map.js';

export interface EngineSetupOptions {
  choice: EngineChoice;
  store: LocalStore;
  /** The podman store's folder; default <data directory>/engine. */
  storeDir?: string;
  env: Readonly<Record<string, string>>;
  imageMap: Readonly<Record<string, string>>;
  logger: Logger;
}

/**
 * Chooses the engine, logs the choice, and removes what an earlier run of this data directory left:
 * its containers (found by their data-directory label) and, for podman, build working containers.
 */
export async function setUpEngine(options: EngineSetupOptions): Promise<LocalEngine> {
  const { store, logger } = options;
  const selection = await selectEngine(options.choice, {
    storeDir: options.storeDir ?? path.join(store.dir, 'engine'),
    env: options.env,
  });
  const labels = { [LABELS.data]: store.dir, [LABELS.daemon]: `${process.pid}-${randomBytes(4).toString('hex')}` };
  const { map, problems } = loadImageMap(store.persistent ? path.join(store.dir, IMAGE_MAP_FILE) : undefined, options.imageMap);
  for (const problem of problems) logger.warn(`image map: ${problem}`);
  const engine = selection.engine;
  if (!engine) {
    logger.info(
      `engine: process (${selection.why}). Builds assemble the image's files without running RUN steps, and apps run as host processes with the host's interpreters; see the README for what differs`,
    );
    return { name: 'process', container: undefined, imageMap: map, labels };
  }
  logger.info(`engine: ${selection.why}; builds and apps run in ${engine.name} containers`, {
    image_map: Object.fromEntries(map),
  });
  const leftovers = await engine.removeByLabels([`${LABELS.data}=${store.dir}`]).catch((err: Error) => {
    logger.warn(`could not remove containers of an earlier run: ${err.message}`);
    return [];
  });
  const working = await engine.removeBuildLeftovers().catch(() => []);
  if (leftovers.length + working.length > 0)
    logger.info(`removed ${leftovers.length} container(s) and ${working.length} build working container(s) left by an earlier run`);
  return { name: engine.name, container: engine, imageMap: map, labels };
}

/**
 * The last step of close(): removes every container this local Ignite process started that is
 * still there, and with `resetStore` (a store that lives only as long as the process) the store.
 */
export async function sweepContainers(engine: LocalEngine, options: { resetStore: boolean }): Promise<void> {
  if (!engine.container) return;
  await engine.container.removeByLabels([`${LABELS.daemon}=${engine.labels[LABELS.daemon]}`]).catch(() => []);
  if (options.resetStore) await resetStore(engine.container).catch(() => undefined);
}
