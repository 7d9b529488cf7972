import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { archiveIgnoreReport } from '../../src/packing/index.js';
import { tempDir } from './helpers.js';

const enc = (text: string) => new TextEncoder().encode(text);

describe("an existing zip's own ignore file", () => {
  it("prefers the Dockerfile's own ignore file, as BuildKit does, and counts only files", async () => {
    const file = path.join(await tempDir(), 'ctx.zip');
    const zip = zipSync({
      'web.Dockerfile': enc('FROM scratch\n'),
      '.dockerignore': enc('*\n'),
      'web.Dockerfile.dockerignore': enc('logs\n*.tmp\n'),
      'logs/': new Uint8Array(0),
      'logs/a.txt': enc('a'),
      'x.tmp': [enc('x'), { level: 9 }],
      'app.js': enc('1'),
    });
    await writeFile(file, zip);
    expect(await archiveIgnoreReport(file, 'zip', 'web.Dockerfile')).toEqual({
      file: 'web.Dockerfile.dockerignore',
      excludedCount: 2,
      examples: ['logs/a.txt', 'x.tmp'],
    });
    // With the default Dockerfile only the root file applies: everything but itself and exceptions goes.
    expect((await archiveIgnoreReport(file, 'zip', 'Dockerfile')).file).toBe('.dockerignore');
  });

  it('reports nothing when the archive has no ignore file (Docker has no default skip list)', async () => {
    const file = path.join(await tempDir(), 'plain.zip');
    await writeFile(file, zipSync({ Dockerfile: enc('FROM scratch\n'), 'node_modules/x.js': enc('1') }));
    expect(await archiveIgnoreReport(file, 'zip', 'Dockerfile')).toEqual({ file: null, excludedCount: 0, examples: [] });
  });
});
