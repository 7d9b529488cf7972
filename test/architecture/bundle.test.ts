import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE, CODE_CACHE_META, compileBundle } from '../../src/bin/code-cache.js';

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
  outputs: Record<string, { inputs: Record<string, unknown>; imports: Array<{ path: string; kind: string; external?: boolean }> }>;
}

const META = 'dist/bundle/meta.json';
/** The ES module bundle's entry; dist/bundle/ignite-mcp.js is the launcher (src/bin/launcher.ts). */
const ENTRY = 'dist/bundle/main.mjs';
const CJS_META = 'dist/bundle/meta-cjs.json';
const CJS_BUNDLE = path.resolve('dist/bundle/ignite-mcp.cjs');
const LAUNCHER = 'dist/bundle/ignite-mcp.js';

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

/**
 * What the one-file CommonJS bundle runs before its first line: src/main.ts and what it imports
 * statically (or requires), transitively. A module only a dynamic import reaches stays wrapped in
 * the file and runs when imported, as in the split bundle.
 */
function evaluatedAtStart(meta: Metafile): Set<string> {
  const seen = new Set<string>();
  const visit = (input: string) => {
    if (seen.has(input)) return;
    seen.add(input);
    for (const imported of meta.inputs[input]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || imported.external) continue;
      visit(imported.path);
    }
  };
  visit('src/main.ts');
  return seen;
}

const HEAVY = /node_modules\/@grpc\/|^src\/packing\/|^src\/local\/|^src\/client\/client\.ts$/;
const UNNEEDED =
  /node_modules\/(ajv|ajv-formats|fast-uri|zod-to-json-schema|@hono)\/|node_modules\/zod\/v3\/|node_modules\/zod\/v4\/locales\/(?!en\.js$)|sdk\/dist\/esm\/server\/(streamableHttp|webStandardStreamableHttp)\.js$|^src\/cli\/serve-http\.ts$/;

describe('the code-cached bundle (dist/bundle/ignite-mcp.cjs, what the launcher runs)', () => {
  it('runs nothing heavy or unneeded before initialize, as the split bundle', () => {
    if (!existsSync(CJS_META)) throw new Error(`${CJS_META} is missing: run \`npm run build\` first (npm test does)`);
    const evaluated = [...evaluatedAtStart(JSON.parse(readFileSync(CJS_META, 'utf8')) as Metafile)];
    expect(evaluated.filter((file) => HEAVY.test(file) || UNNEEDED.test(file))).toEqual([]);
    expect(evaluated).toContain('src/mcp/server.ts');
  });

  it('has a code cache that this node accepts', () => {
    const meta = JSON.parse(readFileSync(`dist/bundle/${CODE_CACHE_META}`, 'utf8')) as { v8: string };
    expect(meta.v8).toBe(process.versions.v8);
    const bundle = compileBundle(CJS_BUNDLE, readFileSync(`dist/bundle/${CODE_CACHE}`));
    expect(bundle.script.cachedDataRejected).toBe(false);
  });

  it('answers initialize the same from the code cache and from the ES modules (node --enable-source-maps)', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ignite-launcher-'));
    try {
      const initialize = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } })}\n`;
      const answer = (flags: string[]) => {
        const run = spawnSync(process.execPath, [...flags, LAUNCHER, '--endpoint', '127.0.0.1:9'], {
          input: initialize,
          encoding: 'utf8',
          timeout: 30_000,
          env: { PATH: process.env.PATH, HOME: home, IGNITE_MCP_DATA_DIR: path.join(home, 'data'), IGNITE_MCP_LOG_LEVEL: 'error' },
        });
        const line = run.stdout.split('\n').find((text) => text.includes('"id":1'));
        if (!line) throw new Error(`no initialize response (${run.status}): ${run.stderr}`);
        return JSON.parse(line) as { result: { serverInfo: { name: string; version: string } } };
      };
      const cached = answer([]);
      expect(cached.result.serverInfo).toMatchObject({
        name: 'ignite-mcp',
        version: JSON.parse(readFileSync('package.json', 'utf8')).version,
      });
      expect(answer(['--enable-source-maps'])).toEqual(cached);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('the bundle (dist/bundle, what package.json "bin" runs)', () => {
  it('keeps grpc-js, the packer and the local Ignite off the path to initialize, as the sources do', () => {
    if (!existsSync(META)) throw new Error(`${META} is missing: run \`npm run build\` first (npm test does)`);
    const { inputs, externals } = loadedAtStart(JSON.parse(readFileSync(META, 'utf8')) as Metafile);
    const heavy = [...inputs].filter((file) => HEAVY.test(file));
    expect(heavy).toEqual([]);
    expect([...externals].filter((name) => name.startsWith('@grpc/'))).toEqual([]);
    // The check must see the server: a bundle that lost it would pass for the wrong reason.
    expect(inputs).toContain('src/mcp/server.ts');
  });

  it('leaves what initialize never needs off its path: Ajv, zod locales but English, Zod 3, the HTTP server', () => {
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    const { inputs } = loadedAtStart(meta);
    const unneeded = [...inputs].filter((file) => UNNEEDED.test(file));
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
