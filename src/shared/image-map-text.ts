/**
 * The text form of an image map: `source=local` entries, one per line or separated by commas,
 * `#` starting a comment, e.g. `python:3.12-slim=localhost/base/python:3.11`. Read from
 * IGNITE_MCP_IMAGE_MAP by the configuration and from the data directory's image-map.txt by the
 * local Ignite, which is why it lives on the floor.
 */
export interface ParsedImageMap {
  entries: Array<[source: string, target: string]>;
  problems: string[];
}

const REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

export function parseImageMapText(text: string, where: string): ParsedImageMap {
  const entries: Array<[string, string]> = [];
  const problems: string[] = [];
  const items = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    const eq = item.indexOf('=');
    const source = eq < 0 ? '' : item.slice(0, eq).trim();
    const target = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (!REF.test(source) || !REF.test(target)) {
      problems.push(
        `${where}: "${item.slice(0, 120)}" is not an image map entry; write <image>=<local image>, e.g. python:3.12-slim=localhost/base/python:3.11`,
      );
      continue;
    }
    entries.push([source, target]);
  }
  return { entries, problems };
}
