import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Build__Output } from '../../../src/contract/generated/dodil/ignite/v1/Build.js';
import type { CreateBuildRequest } from '../../../src/contract/generated/dodil/ignite/v1/CreateBuildRequest.js';
import { ImageRegistry, type ImageRecord } from '../../../src/local/images.js';
import { logText, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { NODE_APP, tarGz, zip, type Files, type TarEntry } from './archives.js';

let t: TestIgnite;
beforeAll(async () => {
  t = await startTestIgnite();
});
afterAll(() => t.close());

interface Built {
  build: Build__Output;
  log: string[];
  image: ImageRecord | undefined;
  /** Image path -> file content, "-> target" for links, "<dir>" for empty directories. */
  tree: Record<string, string>;
}

async function runBuild(context: Buffer, request: Partial<CreateBuildRequest> = {}): Promise<Built> {
  const { build_id } = await t.builds.create({ name: 'test-app', zipped_code: context, ...request });
  const done = await waitForBuild(t.builds, build_id);
  const log = logText(await t.builds.logs({ build_id, from_start: true }));
  const image = done.image_digest ? new ImageRegistry(t.ignite.store).get(done.image_digest) : undefined;
  return { build: done, log, image, tree: image ? readTree(image.rootfs_dir) : {} };
}

function readTree(root: string, rel = ''): Record<string, string> {
  const tree: Record<string, string> = {};
  const names = readdirSync(path.join(root, rel)).sort();
  if (names.length === 0 && rel) tree[rel] = '<dir>';
  for (const name of names) {
    const child = `${rel}/${name}`;
    const stats = lstatSync(path.join(root, child));
    if (stats.isDirectory()) Object.assign(tree, readTree(root, child));
    else if (stats.isSymbolicLink()) tree[child] = `-> ${readlinkSync(path.join(root, child))}`;
    else tree[child] = readFileSync(path.join(root, child), 'utf8');
  }
  return tree;
}

const modeOf = (image: ImageRecord, imagePath: string) => lstatSync(path.join(image.rootfs_dir, imagePath)).mode & 0o777;

describe('the local builder', () => {
  it('assembles the files a typical Dockerfile says, honours .dockerignore, and records RUN as not executed', async () => {
    const { build, log, image, tree } = await runBuild(await tarGz(NODE_APP), { name: 'node-app', tags: ['v1', 'latest'] });
    expect(build).toMatchObject({
      status: 'BUILD_STATUS_SUCCEEDED',
      image_refs: ['localhost/local/node-app:v1', 'localhost/local/node-app:latest'],
      steps_not_executed: ['RUN npm ci --omit=dev'],
      error: '',
    });
    expect(build.image_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Number(build.started_at_ms)).toBeGreaterThanOrEqual(Number(build.created_at_ms));
    expect(Number(build.finished_at_ms)).toBeGreaterThanOrEqual(Number(build.started_at_ms));
    expect(Object.keys(tree)).toEqual(['/app/.dockerignore', '/app/Dockerfile', '/app/package.json', '/app/server.js']);
    expect(tree['/app/server.js']).toBe(NODE_APP['server.js']);
    expect(image!.config).toEqual({
      base_image: 'node:20-alpine',
      entrypoint: [],
      cmd: ['node', 'server.js'],
      env: { NODE_ENV: 'production', PORT: '8080' },
      workdir: '/app',
      user: 'node',
      exposed_ports: [8080],
      labels: {},
    });
    expect(new ImageRegistry(t.ignite.store).resolve('localhost/local/node-app:v1')?.digest).toBe(build.image_digest);
    expect(log).toContain('Step 1/9 : FROM node:20-alpine');
    expect(log).toContain('Step 4/9 : RUN npm ci --omit=dev');
    expect(log[log.indexOf('Step 4/9 : RUN npm ci --omit=dev') + 1]).toMatch(
      /^ ---> Not executed: the local Ignite has no container engine/,
    );
    expect(log.slice(-3)).toEqual([
      `Successfully built ${build.image_digest.slice(7, 19)}`,
      'Successfully tagged localhost/local/node-app:v1',
      'Successfully tagged localhost/local/node-app:latest',
    ]);
  });

  it('gives the same digest for the same input, from a zip or a tar.gz, and a different one when a file changes', async () => {
    const files: Files = { Dockerfile: 'FROM scratch\nCOPY . /src/\nCMD ["/src/run"]\n', run: '#!/bin/sh\necho hi\n', 'lib/a.txt': 'a' };
    const first = await runBuild(await tarGz(files));
    const second = await runBuild(zip(files));
    const changed = await runBuild(await tarGz({ ...files, 'lib/a.txt': 'b' }));
    expect(first.build.image_digest).toBe(second.build.image_digest);
    expect(changed.build.image_digest).not.toBe(first.build.image_digest);
  });

  it('fails a COPY of a missing file with the line Docker prints', async () => {
    const { build, log } = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nCOPY missing.txt /app/\n' }));
    const line = 'COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist';
    expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error: line, image_refs: [], image_digest: '' });
    expect(log).toContain(line);
    expect(log).toContain('Step 2/2 : COPY missing.txt /app/');
  });

  it('copies from earlier stages by name and by index, keeping only the last stage', async () => {
    const dockerfile = [
      'FROM node:20 AS build',
      'WORKDIR /src',
      'COPY src/ ./',
      'RUN npm run build',
      'FROM scratch',
      'COPY --from=build /src/main.js /app/main.js',
      'COPY --from=0 /src/lib /app/lib',
      'ENTRYPOINT ["/app/main.js"]',
    ].join('\n');
    const { build, image, tree } = await runBuild(
      await tarGz({ Dockerfile: dockerfile, 'src/main.js': 'main', 'src/lib/x.js': 'x', 'src/test.js': 't' }),
    );
    expect(build.status).toBe('BUILD_STATUS_SUCCEEDED');
    expect(tree).toEqual({ '/app/main.js': 'main', '/app/lib/x.js': 'x' });
    expect(image!.config).toMatchObject({ base_image: 'scratch', entrypoint: ['/app/main.js'], workdir: '' });
    expect(build.steps_not_executed).toEqual(['RUN npm run build']);
  });

  it('substitutes ARG and ENV values as Docker does and applies the config instructions', async () => {
    const dockerfile = [
      'ARG BASE=alpine:3.19',
      'FROM ${BASE}',
      'ARG APP_DIR=/srv',
      'ARG VERSION',
      "ENV APP_HOME=${APP_DIR}/app VERSION=${VERSION:-dev} QUOTED='$APP_DIR'",
      'WORKDIR $APP_HOME',
      'COPY ["conf/a b.txt", "./"]',
      'LABEL org.version="$VERSION" "maintainer"="me"',
      'ENTRYPOINT node server.js --port "$PORT"',
      'EXPOSE 8080/tcp 9000-9001',
    ].join('\n');
    const { build, image, tree, log } = await runBuild(await tarGz({ Dockerfile: dockerfile, 'conf/a b.txt': 'spaced' }), {
      build_args: { VERSION: '1.2.3', UNUSED: 'x' },
    });
    expect(build.status).toBe('BUILD_STATUS_SUCCEEDED');
    expect(tree).toEqual({ '/srv/app/a b.txt': 'spaced' });
    expect(image!.config).toEqual({
      base_image: 'alpine:3.19',
      entrypoint: ['/bin/sh', '-c', 'node server.js --port "$PORT"'],
      cmd: [],
      env: { APP_HOME: '/srv/app', VERSION: '1.2.3', QUOTED: '$APP_DIR' },
      workdir: '/srv/app',
      user: '',
      exposed_ports: [8080, 9000, 9001],
      labels: { 'org.version': '1.2.3', maintainer: 'me' },
    });
    expect(log).toContain('[Warning] One or more build-args [UNUSED] were not consumed');
  });

  it('follows COPY rules for globs, directories, --chmod, symlinks and multiple sources', async () => {
    const entries: TarEntry[] = [
      {
        name: 'Dockerfile',
        content:
          'FROM scratch\nCOPY *.json /cfg/\nCOPY src /dst\nCOPY --chmod=755 run.sh /usr/local/bin/run\nCOPY link.txt /linked\nCOPY links /links/\n',
      },
      { name: 'a.json', content: '{}' },
      { name: 'b.json', content: '[]' },
      { name: 'c.txt', content: 'not matched' },
      { name: 'src/one.txt', content: '1' },
      { name: 'src/deep/two.txt', content: '2' },
      { name: 'run.sh', content: 'echo', mode: 0o644 },
      { name: 'real.txt', content: 'real' },
      { name: 'link.txt', type: 'symlink', linkname: 'real.txt' },
      { name: 'links/rel', type: 'symlink', linkname: '../real.txt' },
    ];
    const { build, tree, image } = await runBuild(await tarGz(entries));
    expect(build.error).toBe('');
    expect(tree).toEqual({
      '/cfg/a.json': '{}',
      '/cfg/b.json': '[]',
      '/dst/one.txt': '1',
      '/dst/deep/two.txt': '2',
      '/usr/local/bin/run': 'echo',
      '/linked': 'real',
      '/links/rel': '-> ../real.txt',
    });
    expect(modeOf(image!, '/usr/local/bin/run')).toBe(0o755);

    const multi = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nCOPY a.txt b.txt /out\n', 'a.txt': 'a', 'b.txt': 'b' }));
    expect(multi.build.error).toBe('When using COPY with more than one source file, the destination must be a directory and end with a /');
    const none = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nCOPY *.md /docs/\n' }));
    expect(none.build.error).toBe('COPY failed: no source files were specified');
  });

  it('refuses ADD from a URL (no network) and extracts ADD of a local tar archive', async () => {
    const url = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nADD https://example.com/app.tgz /opt/\n' }));
    expect(url.build).toMatchObject({
      status: 'BUILD_STATUS_FAILED',
      error: 'ADD failed: the local Ignite has no network: cannot fetch https://example.com/app.tgz',
    });
    const vendored = await tarGz({ 'pkg/index.js': 'module.exports = 42;' });
    const added = await runBuild(
      await tarGz({
        Dockerfile: 'FROM scratch\nADD vendor.tar.gz /opt/\nADD notes.txt /opt/\n',
        'vendor.tar.gz': vendored,
        'notes.txt': 'n',
      }),
    );
    expect(added.tree).toEqual({ '/opt/pkg/index.js': 'module.exports = 42;', '/opt/notes.txt': 'n' });
    expect(added.log).toContain(' ---> ADD extracted the local archive vendor.tar.gz into /opt/');
  });

  it('builds FROM an image the local Ignite made, inheriting its files and config', async () => {
    const base = await runBuild(
      await tarGz({ Dockerfile: 'FROM scratch\nENV LANG=C.UTF-8\nWORKDIR /app\nCOPY base.txt .\n', 'base.txt': 'base' }),
      { name: 'base', tags: ['1'] },
    );
    expect(base.build.status).toBe('BUILD_STATUS_SUCCEEDED');
    const child = await runBuild(
      await tarGz({
        Dockerfile:
          'FROM localhost/local/base:1\nCOPY app.txt .\nCOPY --from=localhost/local/base:1 /app/base.txt /copied.txt\nCMD ["cat", "app.txt"]\n',
        'app.txt': 'app',
      }),
    );
    expect(child.tree).toEqual({ '/app/base.txt': 'base', '/app/app.txt': 'app', '/copied.txt': 'base' });
    expect(child.image!.config).toMatchObject({
      base_image: 'localhost/local/base:1',
      env: { LANG: 'C.UTF-8' },
      workdir: '/app',
      cmd: ['cat', 'app.txt'],
    });
    const missing = await runBuild(await tarGz({ Dockerfile: 'FROM localhost/local/nope:1\n' }));
    expect(missing.build.error).toMatch(/^FROM localhost\/local\/nope:1: no such image in the local Ignite/);
    const unpullable = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n' }));
    expect(unpullable.build.error).toMatch(
      /^COPY --from=nginx:latest: no earlier build stage of that name, and the local Ignite cannot pull images/,
    );
  });

  it('reads the Dockerfile from the requested path and says so when it is missing or malformed', async () => {
    const custom = await runBuild(await tarGz({ 'docker/Dockerfile.prod': 'FROM scratch\nCOPY x /x\n', x: 'x' }), {
      dockerfile: 'docker/Dockerfile.prod',
    });
    expect(custom.build).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', dockerfile: 'docker/Dockerfile.prod' });
    const missing = await runBuild(await tarGz({ 'x.txt': 'x' }));
    expect(missing.build.error).toBe('Cannot locate specified Dockerfile: Dockerfile');
    const unknown = await runBuild(await tarGz({ Dockerfile: 'FROM scratch\nFROBNICATE now\n' }));
    expect(unknown.build.error).toBe('dockerfile parse error line 2: unknown instruction: FROBNICATE');
    const noFrom = await runBuild(await tarGz({ Dockerfile: 'COPY x /x\n' }));
    expect(noFrom.build.error).toMatch(/COPY before the first FROM/);
  });

  const refused: [string, string][] = [
    ['FROM scratch\nCOPY a /a\nCOPY a /a/b/\n', 'cannot create directory /a/b: /a is not a directory'],
    ['FROM scratch\nCOPY ../a /b\n', 'COPY failed: forbidden path outside the build context: ../a'],
    ['FROM scratch\nCOPY --bogus a /b\n', 'dockerfile parse error line 2: unknown flag: --bogus'],
    ['FROM scratch\nCOPY <<EOT /x\nhi\nEOT\n', 'COPY with a heredoc is not supported by the local Ignite'],
    [
      'FROM scratch AS a\nCOPY --from=a a /b\n',
      'COPY --from=a: no earlier build stage of that name, and the local Ignite cannot pull images (only localhost/... images it built are available)',
    ],
    ['FROM scratch\nEXPOSE http\n', 'Invalid containerPort: http'],
    ['FROM scratch\nSHELL /bin/bash\n', 'SHELL requires the arguments to be in JSON form'],
    ['FROM scratch\nENV\n', 'dockerfile parse error line 2: ENV requires at least one argument'],
    ['FROM ${NOPE}\n', 'base name (${NOPE}) should not be blank'],
  ];
  it.each(refused)('fails %j with a clear error', async (dockerfile, error) => {
    const { build, log } = await runBuild(await tarGz({ Dockerfile: dockerfile, a: 'a' }));
    expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error });
    expect(log.at(-1)).toBe(error);
  });
});
