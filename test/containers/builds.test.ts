/**
 * Builds by podman through the local Ignite's BuildService: every step runs, output streams line by
 * line, a failed RUN is the first error line, a cancel leaves nothing running, secrets stay off
 * command lines. One podman store for the whole file, with a busybox base made from this host.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StreamBuildLogsResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { ContainerEngine } from '../../src/local/engines/container-engine.js';
import { isErrorLine } from '../../src/logs/log-window.js';
import { tarGz } from '../local/builder/archives.js';
import {
  allContainers,
  describeWithPodman,
  ENGINE_ENV,
  importHostBase,
  podmanFor,
  processesWith,
  removeStore,
  testStoreDir,
} from '../helpers/engine.js';
import { logText, startTestIgnite, waitForBuild, type TestIgnite } from '../helpers/local-ignite.js';

const BASE = 'localhost/base/busybox:1';
let store: string;
let engine: ContainerEngine;
let t: TestIgnite;

describeWithPodman('container builds (podman)', () => {
  beforeAll(async () => {
    store = testStoreDir('builds');
    engine = await podmanFor(store);
    await importHostBase(engine, 'busybox', BASE);
    t = await startTestIgnite({ engine: 'podman', engineStoreDir: store, engineEnv: ENGINE_ENV, defaultOrganization: 'acme' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (store) await removeStore(store);
  });

  it("runs RUN steps: their output is in the log, their files are in the image, the digest is the engine's", async () => {
    const context = await tarGz({
      Dockerfile: `FROM ${BASE}\nWORKDIR /app\nCOPY hello.txt .\nRUN echo "made by RUN" > made.txt && echo "run step output: $(cat hello.txt)"\nUSER 1000\nCMD ["cat", "/app/made.txt"]\n`,
      'hello.txt': 'hello from the context',
    });
    const { build_id } = await t.builds.create({ name: 'ran', zipped_code: context, tags: ['v1'] });
    const build = await waitForBuild(t.builds, build_id, 60_000);
    const lines = logText(await t.builds.logs({ build_id, from_start: true }));
    expect(build, lines.join('\n')).toMatchObject({
      status: 'BUILD_STATUS_SUCCEEDED',
      image_refs: ['localhost/acme/ran:v1'],
      steps_not_executed: [],
      engine: 'podman',
    });
    expect(lines).toContain('run step output: hello from the context');
    expect(lines.some((line) => /^STEP 4\/6: RUN /.test(line))).toBe(true);
    const image = await engine.inspectImage('localhost/acme/ran:v1');
    expect(build.image_digest).toBe(image!.digest);
    const made = await engine.command([
      'run',
      '--rm',
      '--ulimit',
      'nofile=1024:1024',
      '--ulimit',
      'nproc=1024:1024',
      'localhost/acme/ran:v1',
    ]);
    expect(made.stdout.trim()).toBe('made by RUN');
  });

  it('fails on a failing RUN step with its exit code in the first error line', async () => {
    const context = await tarGz({
      Dockerfile: `FROM ${BASE}\nRUN echo before the broken step\nRUN echo failing; exit 3\nRUN echo never\n`,
    });
    const { build_id } = await t.builds.create({ name: 'failing', zipped_code: context });
    const build = await waitForBuild(t.builds, build_id, 60_000);
    const lines = logText(await t.builds.logs({ build_id, from_start: true }));
    expect(build.status).toBe('BUILD_STATUS_FAILED');
    expect(build.error).toMatch(/building at STEP "RUN echo failing; exit 3".*exit status 3/);
    expect(lines.find(isErrorLine)).toMatch(/RUN echo failing; exit 3.*exit status 3/);
    expect(lines).not.toContain('never');
  });

  it('streams the log line by line while the build runs', async () => {
    const context = await tarGz({ Dockerfile: `FROM ${BASE}\nRUN for i in 1 2 3; do echo tick $i; sleep 1; done\n` });
    const { build_id } = await t.builds.create({ name: 'ticking', zipped_code: context, no_cache: true });
    // Taken the moment "tick 1" arrives on the stream: the build's status and how far its log is.
    let snapshot: Promise<{ status: string; lastSeq: number }> | undefined;
    await new Promise<void>((resolve, reject) => {
      const stream = t.client.StreamBuildLogs({ build_id, from_start: true });
      stream.on('data', (frame: StreamBuildLogsResponse__Output) => {
        if (frame.line?.text === 'tick 1')
          snapshot = t.builds.get(build_id).then((build) => ({ status: build.status, lastSeq: Number(build.last_log_seq) }));
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
    expect((await waitForBuild(t.builds, build_id)).status).toBe('BUILD_STATUS_SUCCEEDED');
    const seqOf = (text: string, frames: StreamBuildLogsResponse__Output[]) => Number(frames.find((f) => f.line?.text === text)!.line!.seq);
    const frames = await t.builds.logs({ build_id, from_start: true });
    const seen = await snapshot!;
    expect(seen.status).toBe('BUILD_STATUS_RUNNING');
    expect(seen.lastSeq).toBeGreaterThanOrEqual(seqOf('tick 1', frames));
    expect(seen.lastSeq).toBeLessThan(seqOf('tick 3', frames));
  });

  it('cancels a long RUN: the engine build, the RUN process and the working container are all gone', async () => {
    const marker = `sleep 3${Math.floor(Math.random() * 90) + 10}`;
    const context = await tarGz({ Dockerfile: `FROM ${BASE}\nRUN echo started && ${marker} && echo never\n` });
    const { build_id } = await t.builds.create({ name: 'long', zipped_code: context, no_cache: true });
    await lineArrives(build_id, 'started');
    expect(processesWith(marker).length).toBeGreaterThan(0);
    const { build } = await t.builds.cancel(build_id);
    expect(build!.status).toBe('BUILD_STATUS_CANCELLED');
    await until(async () => processesWith(marker).length === 0 && (await allContainers(engine)).length === 0);
    expect(processesWith(marker)).toEqual([]);
    expect(processesWith(store).filter((line) => line.includes(' build '))).toEqual([]);
    expect(await allContainers(engine)).toEqual([]);
    expect((await t.builds.get(build_id)).status).toBe('BUILD_STATUS_CANCELLED');
  });

  it('stops a build at its timeout the same way, and fails it saying so', async () => {
    const marker = `sleep 4${Math.floor(Math.random() * 90) + 10}`;
    const context = await tarGz({ Dockerfile: `FROM ${BASE}\nRUN ${marker}\n` });
    const { build_id } = await t.builds.create({ name: 'slow', zipped_code: context, no_cache: true, timeout_secs: 2 });
    const build = await waitForBuild(t.builds, build_id, 30_000);
    expect(build).toMatchObject({ status: 'BUILD_STATUS_FAILED', error: 'build timed out after 2s' });
    await until(async () => processesWith(marker).length === 0 && (await allContainers(engine)).length === 0);
  });

  it('passes build args without putting secret values on a command line', async () => {
    const secret = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    await t.builds.saveSecrets({ build_secrets: { API_SECRET: secret } });
    const context = await tarGz({
      Dockerfile: `FROM ${BASE}\nARG API_SECRET\nARG PLAIN\nRUN echo "plain=$PLAIN secret-length=\${#API_SECRET}" && sleep 2\n`,
    });
    const { build_id } = await t.builds.create({ name: 'args', zipped_code: context, build_args: { PLAIN: 'visible' }, no_cache: true });
    const onCommandLines: string[] = [];
    while (!['BUILD_STATUS_SUCCEEDED', 'BUILD_STATUS_FAILED'].includes((await t.builds.get(build_id)).status)) {
      onCommandLines.push(...processesWith(secret));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lines = logText(await t.builds.logs({ build_id, from_start: true }));
    expect((await t.builds.get(build_id)).status, lines.join('\n')).toBe('BUILD_STATUS_SUCCEEDED');
    expect(lines).toContain(`plain=visible secret-length=${secret.length}`);
    expect(onCommandLines).toEqual([]);
    expect(lines.join('\n')).not.toContain(secret);
    await t.builds.saveSecrets({});
  });

  it('applies the Dockerfile-specific ignore file once, as Docker does', async () => {
    const context = await tarGz({
      'build/app.Dockerfile': `FROM ${BASE}\nCOPY . /ctx\nRUN echo "context: $(ls -A /ctx | sort | tr '\\n' ' ')"\n`,
      'build/app.Dockerfile.dockerignore': 'secret.txt\n',
      '.dockerignore': 'kept.txt\n',
      'kept.txt': 'ignored only by the root .dockerignore',
      'secret.txt': 'ignored by the Dockerfile-specific file',
    });
    const { build_id } = await t.builds.create({ name: 'ignores', zipped_code: context, dockerfile: 'build/app.Dockerfile' });
    const build = await waitForBuild(t.builds, build_id, 60_000);
    const lines = logText(await t.builds.logs({ build_id, from_start: true }));
    expect(build.status, lines.join('\n')).toBe('BUILD_STATUS_SUCCEEDED');
    expect(lines, lines.join('\n')).toContain('context: .dockerignore build kept.txt ');
  });

  it("fails a build whose base image cannot be pulled, with the engine's own error", async () => {
    const context = await tarGz({ Dockerfile: 'FROM registry.invalid/nothing/here:1\nRUN true\n' });
    const { build_id } = await t.builds.create({ name: 'unpullable', zipped_code: context });
    const build = await waitForBuild(t.builds, build_id, 60_000);
    expect(build.status).toBe('BUILD_STATUS_FAILED');
    expect(build.error).toMatch(/pulling registry\.invalid\/nothing\/here:1 failed: .*registry\.invalid/);
    expect(build.error).toMatch(/IGNITE_MCP_IMAGE_MAP/);
  });
});

/** Resolves when the build's log shows `text` (the stream follows a running build, so it is cut then). */
function lineArrives(buildId: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = t.client.StreamBuildLogs({ build_id: buildId, from_start: true });
    stream.on('data', (frame: StreamBuildLogsResponse__Output) => {
      if (frame.line?.text !== text) return;
      stream.cancel();
      resolve();
    });
    stream.on('error', (err: { code?: number }) => (err.code === 1 ? undefined : reject(err)));
    stream.on('end', () => reject(new Error(`the log ended without "${text}"`)));
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
