import { existsSync } from 'node:fs';
import path from 'node:path';

/** The command as it ships (package.json "bin"): the bundle `npm run build` writes. */
export const BIN = path.resolve('dist/bundle/ignite-mcp.js');

/** Fails with the next step when the bundle has not been built, instead of a spawn error. */
export function requireBuiltBin(): string {
  if (!existsSync(BIN)) throw new Error(`${path.relative(process.cwd(), BIN)} is missing: run \`npm run build\` first (npm test does)`);
  return BIN;
}
