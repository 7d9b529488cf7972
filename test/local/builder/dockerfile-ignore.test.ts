import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageRegistry } from '../../../src/local/images.js';
import { logText, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { tarGz, type Files, type TarEntry } from './archives.js';

let t: TestIgnite;
beforeAll(async () => {
  t = await startTestIgnite();
});
afterAll(() => t.close());

const WEB_APP: Files = {
  '.dockerignore': 'dist\n',
  'web.Dockerfile.dockerignore': '*.log\n',
  'web.Dockerfile': 'FROM scratch\nCOPY dist/app.js /app/app.js\nCOPY . /ctx/\n',
  'dist/app.js': 'console.log("hi");\n',
  'debug.log': 'noise\n',
};

async function build(context: Buffer, dockerfile: string) {
  const { build_id } = await t.builds.create({ name: 'web', zipped_code: context, dockerfile });
  const done = await waitForBuild(t.builds, build_id);
  const log = logText(await t.builds.logs({ build_id, from_start: true }));
  const image = done.image_digest ? new ImageRegistry(t.ignite.store).get(done.image_digest) : undefined;
  return { done, log, ctx: image ? readdirSync(path.join(image.rootfs_dir, 'ctx')).sort() : [] };
}

describe('the ignore file a local build applies', () => {
  it('is <dockerfile>.dockerignore next to the Dockerfile when there is one, as BuildKit and the packer read it', async () => {
    const { done, log, ctx } = await build(await tarGz(WEB_APP), 'web.Dockerfile');
    expect(done.error).toBe('');
    expect(done.status).toBe('BUILD_STATUS_SUCCEEDED');
    expect(ctx).toEqual(['.dockerignore', 'dist', 'web.Dockerfile', 'web.Dockerfile.dockerignore']);
    expect(log).toContain('web.Dockerfile.dockerignore excluded 1 path from the build context');
  });

  it('is the root .dockerignore for another Dockerfile of the same context', async () => {
    const files = { ...WEB_APP, Dockerfile: 'FROM scratch\nCOPY . /ctx/\n' };
    const { done, log, ctx } = await build(await tarGz(files), 'Dockerfile');
    expect(done.status).toBe('BUILD_STATUS_SUCCEEDED');
    expect(ctx).not.toContain('dist');
    expect(ctx).toContain('debug.log');
    expect(log).toContain('.dockerignore excluded 1 path from the build context');
  });

  it('fails the build, naming the file, when the ignore file is a symlink', async () => {
    const entries: TarEntry[] = [
      { name: 'Dockerfile', content: 'FROM scratch\nCOPY . /ctx/\n' },
      { name: 'rules.txt', content: 'secret\n' },
      { name: '.dockerignore', type: 'symlink', linkname: 'rules.txt' },
    ];
    const { done } = await build(await tarGz(entries), 'Dockerfile');
    expect(done.status).toBe('BUILD_STATUS_FAILED');
    expect(done.error).toMatch(/^\.dockerignore cannot be used as an ignore file: it is a symlink/);
  });
});
