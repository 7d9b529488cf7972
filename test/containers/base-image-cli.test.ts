/**
 * `ignite-mcp local base-image`, the documented offline route, as a user runs it: from a runtime
 * of this host and from a root-filesystem tarball, with --map entries in the data directory's
 * image map, which the local Ignite then reads.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerEngine } from '../../src/local/engines/container-engine.js';
import { packHostRootfs } from '../../src/local/engines/base-image.js';
import { describeWithPodman, ENGINE_ENV, podmanFor, removeStore } from '../helpers/engine.js';
import { startTestIgnite, waitForBuild, logText } from '../helpers/local-ignite.js';
import { tarGz } from '../local/builder/archives.js';

const BIN = path.resolve('dist/src/main.js');
let dataDir: string;
let engine: ContainerEngine;

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, 'local', 'base-image', ...args, '--data-dir', dataDir], {
    env: { ...ENGINE_ENV, IGNITE_MCP_ENGINE: 'podman' },
    timeout: 120_000,
  });

describeWithPodman('ignite-mcp local base-image (podman)', () => {
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-base-cli-'));
    engine = await podmanFor(path.join(dataDir, 'engine'));
  });
  afterAll(async () => {
    if (dataDir) {
      await removeStore(path.join(dataDir, 'engine'));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes a base image from a host runtime and from a rootfs tarball, and maps images to them', async () => {
    const fromHost = await run(['--from-host', 'busybox', '--tag', 'localhost/base/busybox:host', '--map', 'busybox:1.36']);
    expect(fromHost.stdout).toMatch(/^made localhost\/base\/busybox:host \(busybox; \d+ MB, id [0-9a-f]{12}\) in the podman /m);
    expect(fromHost.stdout).toMatch(/image map: FROM busybox:1\.36 now builds from localhost\/base\/busybox:host/);
    const tarFile = path.join(dataDir, 'rootfs.tar');
    await packHostRootfs('busybox', { searchPath: ENGINE_ENV.PATH!, caBundle: undefined }, tarFile, ENGINE_ENV);
    const fromTar = await run([
      '--from-rootfs',
      tarFile,
      '--tag',
      'localhost/base/tarball:1',
      '--cmd',
      '["/bin/echo", "from the tarball"]',
    ]);
    expect(fromTar.stdout).toMatch(/^made localhost\/base\/tarball:1 \(root filesystem /m);
    expect((await engine.inspectImage('localhost/base/tarball:1'))!.config.cmd).toEqual(['/bin/echo', 'from the tarball']);
    expect(readFileSync(path.join(dataDir, 'image-map.txt'), 'utf8')).toBe('busybox:1.36=localhost/base/busybox:host\n');
    const refused = await run(['--from-host', 'busybox', '--tag', 'busybox:1']).catch((err: { stderr: string }) => err);
    expect((refused as { stderr: string }).stderr).toMatch(/--tag busybox:1 must start with localhost\//);

    // The local Ignite of that data directory reads the map: FROM busybox:1.36 builds without a registry.
    const t = await startTestIgnite({ engine: 'podman', dataDir, engineEnv: ENGINE_ENV });
    try {
      const { build_id } = await t.builds.create({
        name: 'mapped',
        zipped_code: await tarGz({ Dockerfile: 'FROM busybox:1.36\nRUN echo mapped base\n' }),
      });
      const build = await waitForBuild(t.builds, build_id, 60_000);
      const lines = logText(await t.builds.logs({ build_id, from_start: true }));
      expect(build.status, lines.join('\n')).toBe('BUILD_STATUS_SUCCEEDED');
      expect(lines).toContain('mapped base');
      expect(lines.some((line) => /^ ---> busybox:1\.36: the local image localhost\/base\/busybox:host/.test(line))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
