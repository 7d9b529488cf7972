import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles } from '../architecture/import-graph.js';

const GENERATED = 'src/contract/generated';
const out = mkdtempSync(path.join(os.tmpdir(), 'gen-proto-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The generator's command exactly as `npm run gen:proto` runs it, pointed at a temp folder. */
function regenerate(): void {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['gen:proto']!;
  const [command, ...args] = script.split(/\s+/);
  const target = args.indexOf('-O');
  expect(target, 'gen:proto must name its output folder with -O').toBeGreaterThan(0);
  expect(args[target + 1]).toBe(GENERATED);
  args[target + 1] = out;
  execFileSync(path.resolve('node_modules/.bin', command!), args, { stdio: 'pipe' });
}

describe('src/contract/generated', () => {
  it('is exactly what `npm run gen:proto` makes from proto/ (regenerate and commit after a proto change)', () => {
    regenerate();
    const relative = (root: string) => sourceFiles(root).map((file) => path.relative(root, file));
    const committed = relative(GENERATED);
    expect(relative(out)).toEqual(committed);
    const differing = committed.filter(
      (file) => readFileSync(path.join(out, file), 'utf8') !== readFileSync(path.join(GENERATED, file), 'utf8'),
    );
    expect(differing).toEqual([]);
  });
});
