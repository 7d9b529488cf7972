import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, unknown>; imports: Array<{ path: string; kind: string; external?: boolean }> }>;
}

const META = 'dist/bundle/meta.json';
const ENTRY = 'dist/bundle/ignite-mcp.js';

/** What the shipped bundle loads before its first line runs: the entry and its static imports, transitively. */
function loadedAtStart(meta: Metafile): { inputs: Set<string>; externals: Set<string> } {
  const inputs = new Set<string>();
  const externals = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const output = meta.outputs[file];
    if (!output) throw new Error(`the bundle's metafile has no output ${file}`);
    for (const input of Object.keys(output.inputs)) inputs.add(input);
    for (const imported of output.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) externals.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(ENTRY);
  return { inputs, externals };
}

describe('the bundle (dist/bundle, what package.json "bin" runs)', () => {
  it('keeps grpc-js, the packer and the local Ignite off the path to initialize, as the sources do', () => {
    if (!existsSync(META)) throw new Error(`${META} is missing: run \`npm run build\` first (npm test does)`);
    const { inputs, externals } = loadedAtStart(JSON.parse(readFileSync(META, 'utf8')) as Metafile);
    const heavy = [...inputs].filter((file) => /node_modules\/@grpc\/|^src\/packing\/|^src\/local\/|^src\/client\/client\.ts$/.test(file));
    expect(heavy).toEqual([]);
    expect([...externals].filter((name) => name.startsWith('@grpc/'))).toEqual([]);
    // The check must see the server: a bundle that lost it would pass for the wrong reason.
    expect(inputs).toContain('src/mcp/server.ts');
  });

  it('leaves what initialize never needs off its path: Ajv, zod locales but English, Zod 3, the HTTP server', () => {
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    const { inputs } = loadedAtStart(meta);
    const unneeded = [...inputs].filter((file) =>
      /node_modules\/(ajv|ajv-formats|fast-uri|zod-to-json-schema|@hono)\/|node_modules\/zod\/v3\/|node_modules\/zod\/v4\/locales\/(?!en\.js$)|sdk\/dist\/esm\/server\/(streamableHttp|webStandardStreamableHttp)\.js$|^src\/cli\/serve-http\.ts$/.test(
        file,
      ),
    );
    expect(unneeded).toEqual([]);
    // The substitutions of scripts/bundle.ts took effect, and the Ajv validator is still bundled,
    // for the first form question (src/mcp/json-schema-validator.ts).
    expect([...inputs].filter((file) => file.startsWith('ignite-substitute:')).sort()).toEqual([
      'ignite-substitute:sdk-eager-ajv',
      'ignite-substitute:zod-locales',
      'ignite-substitute:zod-to-json-schema',
      'ignite-substitute:zod-v3',
    ]);
    expect(Object.keys(meta.inputs).some((file) => file.endsWith('sdk/dist/esm/validation/ajv-provider.js'))).toBe(true);
  });
});
