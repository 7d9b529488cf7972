import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const DEMO = path.resolve('dist/scripts/demo.js');

describe("npm run demo (the README's main job)", () => {
  it('runs the whole workflow and prints every step', async () => {
    if (!existsSync(DEMO)) throw new Error('dist/scripts/demo.js is missing: run `npm run build` first (npm test does)');
    const { stdout } = await promisify(execFile)(process.execPath, [DEMO], { timeout: 120_000 });
    for (const step of [
      'upload_context',
      'configure_app',
      'create_build',
      'subscribe',
      'get_build',
      'save_image_draft',
      'test_draft',
      'publish_draft',
      'invoke',
    ]) {
      expect(stdout).toContain(`== ${step}`);
    }
    expect(stdout).toMatch(/Successfully tagged localhost\/local\/hello:latest/);
    expect(stdout).toMatch(/hello v1 \(execution [0-9a-f-]+\): HTTP 200/);
    expect(stdout.trim().split('\n').at(-1)).toBe('== done: folder -> build -> draft -> test -> publish -> invoke');
  });
});
