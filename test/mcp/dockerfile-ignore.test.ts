import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImageRecord } from '../../src/local/images.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { collect } from '../packing/helpers.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

/** The folder: the root file leaves out dist/, the Dockerfile's own file only logs. */
function webApp(): string {
  const dir = path.join(harness.workDir, 'web');
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, '.dockerignore'), 'dist\n');
  writeFileSync(path.join(dir, 'web.Dockerfile.dockerignore'), '*.log\n');
  writeFileSync(
    path.join(dir, 'web.Dockerfile'),
    'FROM scratch\nCOPY dist/app.js /app/app.js\nCOPY . /ctx/\nCMD ["node", "/app/app.js"]\n',
  );
  writeFileSync(path.join(dir, 'dist/app.js'), 'console.log("hi");\n');
  writeFileSync(path.join(dir, 'debug.log'), 'noise\n');
  return dir;
}

describe('a Dockerfile-specific ignore file (web.Dockerfile.dockerignore), as BuildKit reads it', () => {
  it('is what the dry run applies and names, and the build honours the same file', async () => {
    const dir = webApp();
    const dry = await harness.call('upload_context', { path: dir, dockerfile: 'web.Dockerfile', dry_run: true });
    const plan = structured<{ left_out_counts: Record<string, number>; manifest: { ignore_source: string } }>(dry);
    expect(plan.manifest.ignore_source).toBe('web.Dockerfile.dockerignore');
    expect(plan.left_out_counts).toEqual({ dockerignore: 1 });
    expect(textOf(dry)).toContain('ignore rules from web.Dockerfile.dockerignore; Dockerfile found at "web.Dockerfile"');

    const started = structured<{ build_id: string }>(
      await harness.call('create_build', { name: 'web', path: dir, dockerfile: 'web.Dockerfile' }),
    );
    const done = structured<{ build: { status: string; error: string | null; image_digest: string } }>(
      await harness.call('get_build', { build_id: started.build_id, wait_seconds: 40 }),
    );
    expect(done.build.error ?? '').toBe('');
    expect(done.build.status).toBe('SUCCEEDED');
    const image = harness.local.store.collection<ImageRecord>('images').get(done.build.image_digest);
    if (!image) throw new Error('the built image is not in the local registry');
    expect(readdirSync(path.join(image.rootfs_dir, 'app'))).toEqual(['app.js']);
    expect(readdirSync(path.join(image.rootfs_dir, 'ctx')).sort()).toEqual([
      '.dockerignore',
      'dist',
      'web.Dockerfile',
      'web.Dockerfile.dockerignore',
    ]);
  });
});

describe("an existing archive's own .dockerignore", () => {
  it('is named in the dry run with what it will leave out, and the build leaves out exactly that', async () => {
    const archive = path.join(harness.workDir, 'prebuilt-context.tar.gz');
    writeFileSync(
      archive,
      await tarGz({
        Dockerfile: 'FROM scratch\nCOPY . /ctx/\nCMD ["node", "/ctx/app.js"]\n',
        '.dockerignore': '*.log\nbuild\n!build/keep.txt\n',
        'app.js': 'console.log(1)\n',
        'debug.log': 'noise\n',
        'build/out.bin': 'x',
        'build/keep.txt': 'kept\n',
      }),
    );
    const dry = await harness.call('upload_context', { path: archive, dry_run: true });
    expect(structured<{ ignored_at_build: unknown }>(dry).ignored_at_build).toEqual({
      file: '.dockerignore',
      count: 2,
      examples: ['debug.log', 'build/out.bin'],
    });
    expect(textOf(dry)).toContain('its own .dockerignore still applies at build time and leaves out 2 files: debug.log, build/out.bin');

    const started = structured<{ build_id: string }>(await harness.call('create_build', { name: 'prebuilt-context', path: archive }));
    const done = structured<{ build: { status: string; image_digest: string } }>(
      await harness.call('get_build', { build_id: started.build_id, wait_seconds: 40 }),
    );
    expect(done.build.status).toBe('SUCCEEDED');
    const image = harness.local.store.collection<ImageRecord>('images').get(done.build.image_digest)!;
    expect(readdirSync(path.join(image.rootfs_dir, 'ctx')).sort()).toEqual(['.dockerignore', 'Dockerfile', 'app.js', 'build']);
    expect(readdirSync(path.join(image.rootfs_dir, 'ctx', 'build'))).toEqual(['keep.txt']);
  });
});

/** A .tar.gz as `tar czf x.tar.gz -C dir .` writes it: names under ./ and directory entries. */
async function tarGz(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  const bytes = collect(pack as AsyncIterable<Uint8Array>);
  const dirs = new Set(Object.keys(files).flatMap((name) => (name.includes('/') ? [name.slice(0, name.lastIndexOf('/'))] : [])));
  for (const dir of dirs) pack.entry({ name: `./${dir}/`, type: 'directory' });
  for (const [name, data] of Object.entries(files)) pack.entry({ name: `./${name}` }, data);
  pack.finalize();
  return gzipSync(await bytes);
}
