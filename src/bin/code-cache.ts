/**
 * The V8 code cache of the shipped command (Node 20 has no module.enableCompileCache, which needs
 * 22.1): `npm run build` bundles the program a second time as one CommonJS file, runs it once to
 * its `initialize` response, and stores what V8 compiled by then beside it. The launcher
 * (launcher.ts) compiles the file through vm.Script with that cache, so V8 deserializes the code
 * instead of parsing and compiling it again. Both sides compile through `compileBundle`, because
 * V8 accepts a cache only for the same source text, V8 version and flags (it says so in
 * `cachedDataRejected`; a rejected cache costs an ordinary compile, nothing else).
 *
 * Only files next to the bundle are read: the cache is as trusted as the code beside it, written
 * by the same build, and no path comes from the environment or a folder another user could write.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export const CJS_BUNDLE = 'ignite-mcp.cjs';
export const CODE_CACHE = 'ignite-mcp.cjs.cache';
/** Which node made the cache: the launcher does not try one made by another V8 or platform. */
export const CODE_CACHE_META = 'ignite-mcp.cjs.cache.json';

export interface CodeCacheMeta {
  v8: string;
  arch: string;
  platform: string;
  bytes: number;
}

export function cacheMeta(bytes: number): CodeCacheMeta {
  return { v8: process.versions.v8, arch: process.arch, platform: process.platform, bytes };
}

export interface CompiledBundle {
  script: vm.Script;
  /** Runs the program, as node would run the file itself. */
  run(): void;
}

/** Compiles the CommonJS bundle `file` as node's own loader would wrap it, with `cachedData` when given. */
export function compileBundle(file: string, cachedData?: Buffer): CompiledBundle {
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  return {
    script,
    run() {
      const module = new Module(file);
      module.filename = file;
      module.loaded = true;
      const require = createRequire(file);
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file));
    },
  };
}
