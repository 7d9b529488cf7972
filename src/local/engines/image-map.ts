import { existsSync, readFileSync } from 'node:fs';
import { parseImageMapText } from '../../shared/image-map-text.js';
import { qualifyImageRef } from './image-names.js';

/** The image map file of a data directory; `ignite-mcp local base-image --map` appends to it. */
export const IMAGE_MAP_FILE = 'image-map.txt';

/**
 * The offline route for base images: a FROM (or COPY --from) naming a mapped image uses the local
 * image instead, without a pull and without changing the Dockerfile. Keys and values are fully
 * qualified, so `python:3.12-slim` and `docker.io/library/python:3.12-slim` are the same entry.
 * Entries given to the server (IGNITE_MCP_IMAGE_MAP) win over the data directory's file.
 */
export function loadImageMap(
  file: string | undefined,
  given: Readonly<Record<string, string>>,
): {
  map: Map<string, string>;
  problems: string[];
} {
  const map = new Map<string, string>();
  const problems: string[] = [];
  if (file && existsSync(file)) {
    const parsed = parseImageMapText(readFileSync(file, 'utf8'), file);
    problems.push(...parsed.problems);
    for (const [source, target] of parsed.entries) map.set(qualifyImageRef(source), qualifyImageRef(target));
  }
  for (const [source, target] of Object.entries(given)) map.set(qualifyImageRef(source), qualifyImageRef(target));
  return { map, problems };
}
