import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Build__Output } from '../../../src/contract/generated/dodil/ignite/v1/Build.js';
import { ImageRegistry } from '../../../src/local/images.js';
import { createLogger } from '../../../src/shared/log.js';
import { logText, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { NODE_APP, tarGz } from './archives.js';

let app: Buffer;
const dirs: string[] = [];
beforeAll(async () => {
  app = await tarGz(NODE_APP);
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ignite-build-state-'));
  dirs.push(dir);
  return dir;
}

async function whenRunning(t: TestIgnite, buildId: string, minSeq = 1): Promise<Build__Output> {
  for (;;) {
    const build = await t.builds.get(buildId);
    if (build.status === 'BUILD_STATUS_RUNNING' && Number(build.last_log_seq) >= minSeq) return build;
    if (build.status !== 'BUILD_STATUS_PENDING' && build.status !== 'BUILD_STATUS_RUNNING') throw new Error(`build ended: ${build.status}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('build lifecycle', () => {
  it('logs one info line when a build starts and one when it ends, with id, name, status and duration', async () => {
    const lines: string[] = [];
    const t = await startTestIgnite({ logger: createLogger({ level: 'info', write: (line) => void lines.push(line) }) });
    try {
      const { build_id } = await t.builds.create({ name: 'logged', zipped_code: app });
      await waitForBuild(t.builds, build_id);
      const about = lines.filter((line) => line.includes(build_id));
      expect(about).toHaveLength(2);
      expect(about[0]).toMatch(new RegExp(`info: build ${build_id} started \\{"name":"logged","status":"RUNNING"\\}`));
      expect(about[1]).toMatch(new RegExp(`info: build ${build_id} ended \\{"name":"logged","status":"SUCCEEDED","duration_ms":\\d+\\}`));
    } finally {
      await t.close();
    }
  });

  it('cancels a running build: CANCELLED with the reason, a closing log line, no image', async () => {
    const t = await startTestIgnite({ limits: { buildStepDelayMs: 100 } });
    try {
      const { build_id } = await t.builds.create({ name: 'to-cancel', zipped_code: app });
      await whenRunning(t, build_id, 3);
      const { build } = await t.builds.cancel(build_id);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_CANCELLED', error: 'cancelled by request', image_refs: [], image_digest: '' });
      const frames = await t.builds.logs({ build_id, from_start: true });
      expect(logText(frames).at(-1)).toBe('Build cancelled by request');
      expect(frames.at(-1)!.status).toMatchObject({ status: 'BUILD_STATUS_CANCELLED', terminal: true, error: 'cancelled by request' });
      expect(new ImageRegistry(t.ignite.store).resolve('localhost/local/to-cancel:latest')).toBeUndefined();
      await expect(t.builds.cancel(build_id)).rejects.toMatchObject({
        code: grpc.status.FAILED_PRECONDITION,
        details: expect.stringContaining('CANCELLED'),
      });
    } finally {
      await t.close();
    }
  });

  it('cancels a queued build before it starts, and refuses to cancel a finished one', async () => {
    const t = await startTestIgnite({ limits: { buildStepDelayMs: 50 } });
    try {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await t.builds.create({ name: `queued-${i}`, zipped_code: app })).build_id);
      const queued = await t.builds.get(ids[4]!);
      expect(queued.status).toBe('BUILD_STATUS_PENDING');
      const { build } = await t.builds.cancel(ids[4]!);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_CANCELLED', started_at_ms: '0' });
      const done = await waitForBuild(t.builds, ids[0]!);
      expect(done.status).toBe('BUILD_STATUS_SUCCEEDED');
      await expect(t.builds.cancel(ids[0]!)).rejects.toMatchObject({
        code: grpc.status.FAILED_PRECONDITION,
        details: `build ${ids[0]} is already SUCCEEDED; only pending or running builds can be cancelled`,
      });
    } finally {
      await t.close();
    }
  });

  it('fails a build that runs past its timeout', async () => {
    const t = await startTestIgnite({ limits: { buildStepDelayMs: 300 } });
    try {
      const { build_id } = await t.builds.create({ name: 'slow', zipped_code: app, timeout_secs: 1 });
      const build = await waitForBuild(t.builds, build_id);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error: 'build timed out after 1s' });
      expect(Number(build.finished_at_ms) - Number(build.started_at_ms)).toBeLessThan(1800);
    } finally {
      await t.close();
    }
  });

  it('keeps builds, logs, contexts and images across a restart on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await startTestIgnite({ dataDir });
    const upload = await first.builds.upload([{ metadata: { name: 'app', content_type: 'application/gzip' } }, { chunk: app }]);
    const built = await waitForBuild(first.builds, (await first.builds.create({ name: 'kept', context_id: upload.context_id })).build_id);
    const log = await first.builds.logs({ build_id: built.build_id, from_start: true });
    await first.close();

    const second = await startTestIgnite({ dataDir });
    try {
      expect(await second.builds.get(built.build_id)).toEqual(built);
      expect(await second.builds.logs({ build_id: built.build_id, from_start: true })).toEqual(log);
      expect((await second.builds.list({})).builds.map((b) => b.build_id)).toEqual([built.build_id]);
      const image = new ImageRegistry(second.ignite.store).resolve('localhost/local/kept:latest');
      expect(image?.digest).toBe(built.image_digest);
      expect(readFileSync(path.join(image!.rootfs_dir, 'app/server.js'), 'utf8')).toBe(NODE_APP['server.js']);
      const again = await waitForBuild(
        second.builds,
        (await second.builds.create({ name: 'kept', context_id: upload.context_id })).build_id,
      );
      expect(again.image_digest).toBe(built.image_digest);
    } finally {
      await second.close();
    }
  });

  it('marks a build the process died during as FAILED (interrupted) on the next start, with a log line saying so', async () => {
    const live = tempDir();
    const crashed = tempDir();
    const t = await startTestIgnite({ dataDir: live, limits: { buildStepDelayMs: 100 } });
    const { build_id } = await t.builds.create({ name: 'crash', zipped_code: app });
    const running = await whenRunning(t, build_id, 3);
    // What a crash leaves behind: the state on disk at this moment, RUNNING and mid-log.
    cpSync(live, crashed, { recursive: true });
    await t.close();

    const restarted = await startTestIgnite({ dataDir: crashed });
    try {
      const build = await restarted.builds.get(build_id);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error: 'interrupted: the local Ignite stopped during the build' });
      const frames = await restarted.builds.logs({ build_id, from_start: true });
      const lines = logText(frames);
      expect(lines.at(-1)).toMatch(/^interrupted: the local Ignite stopped during the build/);
      expect(lines.length).toBeGreaterThan(Number(running.last_log_seq));
      expect(frames.at(-1)!.status).toMatchObject({ status: 'BUILD_STATUS_FAILED', terminal: true });
      expect(Number((await restarted.builds.get(build_id)).last_log_seq)).toBe(lines.length);
      expect(readdirSync(path.join(crashed, 'files', 'build-work'))).toEqual([]);
    } finally {
      await restarted.close();
    }
  });

  it('stops running builds on shutdown and waits for their cleanup', async () => {
    const dataDir = tempDir();
    const t = await startTestIgnite({ dataDir, limits: { buildStepDelayMs: 100 } });
    const { build_id } = await t.builds.create({ name: 'shutdown', zipped_code: app });
    await whenRunning(t, build_id, 2);
    await t.close();
    expect(readdirSync(path.join(dataDir, 'files', 'build-work'))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'files', 'rootfs', build_id))).toBe(false);
    const again = await startTestIgnite({ dataDir });
    try {
      const build = await again.builds.get(build_id);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error: 'interrupted: the local Ignite stopped during the build' });
      expect(logText(await again.builds.logs({ build_id, from_start: true })).at(-1)).toBe(
        'The local Ignite is shutting down; the build is stopped',
      );
    } finally {
      await again.close();
    }
  });
});
