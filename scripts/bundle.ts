/**
 * Bundles the ignite-mcp command into dist/bundle/: node, the MCP SDK and zod as separate ES modules
 * cost more at start-up than our own code (BENCHMARKS.md, cold start), and one file loads in a
 * fraction of that time. Code the first answer does not need (the gRPC stack, the packer, the local
 * Ignite) stays in chunks loaded by the dynamic imports that already fence it off, so a bundle
 * does not put it back on the path to `initialize`. The deploy panel (ui/panel/) is built beside it
 * as one HTML file (scripts/build-panel.ts).
 *
 *   node dist/scripts/bundle.js     (npm run build runs it after tsc)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { buildPanel } from './build-panel.js';
import { CODE_CACHE } from '../src/bin/code-cache.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE_DIR = path.join(root, 'dist', 'bundle');

/**
 * Left out of the bundle, because they must be found on disk at run time: grpc-js and the
 * reflection service read their own .proto files relative to their own folders (channelz,
 * reflection.proto), and fflate is loaded by path inside the packer's worker threads
 * (packing/deflate-pool.ts). All three load after `initialize`, so start-up is not affected.
 */
const EXTERNAL = ['@grpc/grpc-js', '@grpc/reflection', 'fflate'];

// CommonJS dependencies (grpc-js, protobufjs) call require(); an ES module bundle has none of its own.
const BANNER =
  "import { createRequire as __igniteCreateRequire } from 'node:module'; const require = __igniteCreateRequire(import.meta.url);";

/**
 * Modules of our dependencies that the bundle replaces, because they cost start-up time for code
 * this server never runs (measured with the cold-start bench: together ~20 ms of the ~135 ms from
 * process start to the initialize response, in process, without NODE_EXTRA_CA_CERTS). Each must
 * match when the bundle is built, or the build fails: a dependency update that moves one is noticed
 * rather than silently loading it again. test/architecture/bundle.test.ts checks the result.
 */
interface Substitution {
  why: string;
  /** The import specifier, as written in `importer`. */
  specifier: RegExp;
  importer: RegExp;
  contents: string;
  /** Where the replacement's own imports resolve from. */
  resolveDir?: string;
}

const SUBSTITUTIONS: Record<string, Substitution> = {
  // `z.locales` (zod's error messages in 48 languages, 264 KB minified) is exported by the z
  // namespace, so no bundler can drop it. English is zod's default, set by classic/schemas.js
  // through its own import of en.js; nothing here calls z.config(z.locales.xx()).
  'zod-locales': {
    why: 'zod error messages in English only',
    specifier: /^\.\.\/locales\/index\.js$/,
    importer: /node_modules\/zod\/v4\/(classic|mini|core)\/[^/]+\.js$/,
    contents: "export { default as en } from './en.js';",
    resolveDir: path.join(root, 'node_modules', 'zod', 'v4', 'locales'),
  },
  // The SDK accepts Zod 3 schemas too, through zod/v3 (58 KB) and zod-to-json-schema (20 KB).
  // Every schema of ours is Zod 4 (src/ imports only 'zod'; test/architecture checks it).
  'zod-v3': {
    why: 'the SDK without its Zod 3 support',
    specifier: /^zod\/v3$/,
    importer: /node_modules\/@modelcontextprotocol\/sdk\/dist\/esm\/server\/zod-compat\.js$/,
    contents: "export function object() { throw new Error('ignite-mcp is bundled without Zod 3 support'); }",
  },
  'zod-to-json-schema': {
    why: 'the SDK without its Zod 3 to JSON Schema converter',
    specifier: /^zod-to-json-schema$/,
    importer: /node_modules\/@modelcontextprotocol\/sdk\/dist\/esm\/server\/zod-json-schema-compat\.js$/,
    contents: "export function zodToJsonSchema() { throw new Error('ignite-mcp is bundled without Zod 3 support'); }",
  },
  // The SDK's Server imports Ajv (and ajv-formats, fast-uri: 135 KB) and constructs it unless
  // given a validator. Ours is given src/mcp/json-schema-validator.ts, which loads the same Ajv
  // validator on the first form question: its dynamic import is not replaced.
  'sdk-eager-ajv': {
    why: "the SDK's Server without its eager Ajv",
    specifier: /^\.\.\/validation\/ajv-provider\.js$/,
    importer: /node_modules\/@modelcontextprotocol\/sdk\/dist\/esm\/server\/index\.js$/,
    contents:
      "export class AjvJsonSchemaValidator { constructor() { throw new Error('ignite-mcp: pass jsonSchemaValidator (src/mcp/json-schema-validator.ts) to every McpServer'); } }",
  },
};

function substitutions(): { plugin: Plugin; unmatched(): string[] } {
  const matched = new Set<string>();
  const plugin: Plugin = {
    name: 'ignite-startup-substitutions',
    setup(b) {
      for (const [name, sub] of Object.entries(SUBSTITUTIONS)) {
        b.onResolve({ filter: sub.specifier }, (args) => {
          if (!sub.importer.test(args.importer.split(path.sep).join('/'))) return undefined;
          matched.add(name);
          return { path: name, namespace: 'ignite-substitute' };
        });
      }
      b.onLoad({ filter: /.*/, namespace: 'ignite-substitute' }, (args) => {
        const sub = SUBSTITUTIONS[args.path]!;
        return { contents: `// ${sub.why} (scripts/bundle.ts)\n${sub.contents}`, resolveDir: sub.resolveDir ?? root, loader: 'js' };
      });
    },
  };
  return { plugin, unmatched: () => Object.keys(SUBSTITUTIONS).filter((name) => !matched.has(name)) };
}

const INITIALIZE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'ignite-mcp-build', version: '0' } },
})}\n`;

async function main(): Promise<void> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    outdir: BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Source maps with their sources, so `node --enable-source-maps` stack traces point at src/.
    sourcemap: 'linked',
    sourcesContent: false,
    external: EXTERNAL,
    metafile: true,
    minify: true,
    logLevel: 'warning',
  } as const;
  // The program as ES modules, split so that what a command does not need stays in chunks that
  // its dynamic imports load: what the launcher runs without a code cache, and with source maps.
  const esm = substitutions();
  const result = await build({
    ...common,
    entryPoints: { main: 'src/main.ts' },
    splitting: true,
    format: 'esm',
    // .mjs: dist/bundle/package.json makes .js CommonJS, for the launcher.
    outExtension: { '.js': '.mjs' },
    banner: { js: BANNER },
    plugins: [esm.plugin],
  });
  // The same program as one CommonJS file, for the V8 code cache (src/bin/code-cache.ts): a
  // module that only a dynamic import reaches stays wrapped and runs only when imported.
  const cjs = substitutions();
  const cjsResult = await build({
    ...common,
    entryPoints: { 'ignite-mcp': 'src/main.ts' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // vm.Script has no loader for import(): the one import() of a node module becomes require().
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__igniteModuleUrl' },
    banner: { js: "var __igniteModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [cjs.plugin],
  });
  const unmatched = [...new Set([...esm.unmatched(), ...cjs.unmatched()])];
  if (unmatched.length) throw new Error(`bundle: substitutions that matched no import (did a dependency change?): ${unmatched.join(', ')}`);
  // The command itself, CommonJS (an ES module entry starts slower): picks the code-cached bundle
  // or the ES modules (src/bin/launcher.ts).
  await build({ ...common, entryPoints: { 'ignite-mcp': 'src/bin/launcher.ts' }, format: 'cjs', metafile: false });
  writeFileSync(path.join(BUNDLE_DIR, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  writeFileSync(path.join(BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile));
  writeFileSync(path.join(BUNDLE_DIR, 'meta-cjs.json'), JSON.stringify(cjsResult.metafile));
  // The deploy panel's HTML, which the server reads from beside its chunks (src/mcp/ui/deploy-panel.ts).
  await buildPanel(root, BUNDLE_DIR);
  makeCodeCache();
}

/**
 * Runs the CommonJS bundle once to its initialize response (scripts/code-cache.ts), with no
 * endpoint, no config file and a scratch home, so nothing of the user's is read or started.
 */
function makeCodeCache(): void {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ignite-code-cache-'));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: scratch,
      IGNITE_MCP_DATA_DIR: path.join(scratch, 'data'),
      IGNITE_MCP_LOG_LEVEL: 'error',
    };
    const run = spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'code-cache.js'), BUNDLE_DIR], {
      cwd: scratch,
      env,
      input: INITIALIZE,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.status !== 0 || !existsSync(path.join(BUNDLE_DIR, CODE_CACHE))) {
      throw new Error(`bundle: making the code cache failed (${run.status ?? run.signal}): ${run.stderr}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
