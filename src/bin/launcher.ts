#!/usr/bin/env node
/**
 * What `ignite-mcp` runs (dist/bundle/ignite-mcp.js, CommonJS: dist/bundle/package.json says so,
 * since an ES module entry costs node ~5-10 ms more to start). It starts the program from its V8 code
 * cache when one made by this node sits beside it (code-cache.ts), and otherwise, or with source
 * maps enabled (stack traces then point at src/ through the ES module bundle's maps), imports the
 * ES module bundle (dist/bundle/main.mjs) as before. Both are the same program, src/main.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CJS_BUNDLE, CODE_CACHE, CODE_CACHE_META, compileBundle, type CodeCacheMeta } from './code-cache.js';

function startFromCodeCache(): boolean {
  // node options change V8's flags, which a cache must match; --enable-source-maps wants the maps.
  if (process.sourceMapsEnabled || process.execArgv.length > 0) return false;
  const beside = (name: string) => path.join(__dirname, name);
  let cachedData: Buffer;
  try {
    const meta = JSON.parse(readFileSync(beside(CODE_CACHE_META), 'utf8')) as CodeCacheMeta;
    if (meta.v8 !== process.versions.v8 || meta.arch !== process.arch || meta.platform !== process.platform) return false;
    cachedData = readFileSync(beside(CODE_CACHE));
  } catch {
    return false;
  }
  const bundle = compileBundle(beside(CJS_BUNDLE), cachedData);
  // A rejected cache (another V8 build with the same version) still compiled the code: run it.
  bundle.run();
  return true;
}

/** Beside this file once bundled (scripts/bundle.ts); a variable, as it does not exist in src/. */
const ES_MODULE_BUNDLE = './main.mjs';
if (!startFromCodeCache()) {
  import(ES_MODULE_BUNDLE).catch((err: unknown) => {
    process.stderr.write(`ignite-mcp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
