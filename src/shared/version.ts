import { createRequire } from 'node:module';

/** The package version, read from package.json two or three folders up (src/shared/ or dist/src/shared/). */
function readVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'ignite-mcp' && pkg.version) return pkg.version;
    } catch {
      continue;
    }
  }
  return '0.0.0';
}

export const PACKAGE_VERSION = readVersion();
