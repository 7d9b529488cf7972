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
import { build } from 'esbuild';
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

async function main(): Promise<void> {
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
  });
  writeFileSync(path.join(BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile));
  // The deploy panel's HTML, which the server reads from beside its chunks (src/mcp/ui/deploy-panel.ts).
  await buildPanel(root, BUNDLE_DIR);
}

await main();
