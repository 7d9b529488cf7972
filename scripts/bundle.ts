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
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { buildPanel } from './build-panel.js';

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

async function main(): Promise<void> {
  const substitute = substitutions();
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { 'ignite-mcp': 'src/main.ts' },
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Source maps with their sources, so `node --enable-source-maps` stack traces point at src/.
    sourcemap: 'linked',
    sourcesContent: false,
    external: EXTERNAL,
    banner: { js: BANNER },
    metafile: true,
    minify: true,
    logLevel: 'warning',
    plugins: [substitute.plugin],
  });
  const unmatched = substitute.unmatched();
  if (unmatched.length) throw new Error(`bundle: substitutions that matched no import (did a dependency change?): ${unmatched.join(', ')}`);
  writeFileSync(path.join(BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile));
  // The deploy panel's HTML, which the server reads from beside its chunks (src/mcp/ui/deploy-panel.ts).
  await buildPanel(root, BUNDLE_DIR);
}

await main();
