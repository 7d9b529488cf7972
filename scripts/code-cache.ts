/**
 * Makes the V8 code cache of the CommonJS bundle (src/bin/code-cache.ts): run by scripts/bundle.ts
 * in a child process with an initialize request on stdin, no endpoint and a scratch data folder.
 * It runs the bundle as the launcher would, and when the initialize response is written it stores
 * what V8 compiled by then and exits, before the server does anything after initialize.
 *
 *   node dist/scripts/code-cache.js <bundle dir>
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CJS_BUNDLE, CODE_CACHE, CODE_CACHE_META, cacheMeta, compileBundle } from '../src/bin/code-cache.js';

const dir = path.resolve(process.argv[2]!);
const bundle = compileBundle(path.join(dir, CJS_BUNDLE));
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  const done = write(chunk, ...rest);
  if (String(chunk).includes('"id":1')) {
    const data = bundle.script.createCachedData();
    writeFileSync(path.join(dir, CODE_CACHE), data);
    writeFileSync(path.join(dir, CODE_CACHE_META), `${JSON.stringify(cacheMeta(data.length))}\n`);
    process.exit(0);
  }
  return done;
}) as typeof process.stdout.write;
// The bundle reads its command line as node would give it: [node, script, ...args].
process.argv = [process.argv[0]!, path.join(dir, CJS_BUNDLE)];
bundle.run();
