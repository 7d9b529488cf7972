import type { Config } from '../config/config.js';
import { engineEnvironment } from './child-env.js';

/** The engine settings of the local Ignite, from the configuration (--engine, IGNITE_MCP_ENGINE, IGNITE_MCP_IMAGE_MAP). */
export function engineOptions(config: Readonly<Config>) {
  return { engine: config.engine, imageMap: config.imageMap, engineEnv: engineEnvironment(process.env) };
}
