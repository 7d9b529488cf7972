/** Engine choice with fake CLIs on PATH: what `auto` picks, and what an explicit choice does when it cannot be used. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectEngine } from '../../../src/local/engines/detect.js';
import { podmanStore } from '../../../src/local/engines/podman-store.js';
import { UserError } from '../../../src/shared/errors.js';
import { startIgniteWithClients } from '../../helpers/compute-client.js';
import { buildApi, waitForBuild } from '../../helpers/local-ignite.js';
import { tarGz } from '../builder/archives.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
/** A fake podman that answers still gets its runtime folders made; they go with the test. */
const runtimeDirs = (store: string) => path.dirname(podmanStore(store).runroot);

/** A folder holding fake `docker` / `podman` scripts; used as the whole PATH. */
function fakeBin(scripts: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ignite-fake-bin-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const DEAD_DOCKER = 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1';
const LIVE_DOCKER = 'echo \'"28.2.2"\'';
const LIVE_PODMAN = `echo '{"version":{"Version":"4.3.1"},"host":{"ociRuntime":{"name":"runc","path":"/usr/sbin/runc"}}}'`;
const storeDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ignite-fake-store-'));
  dirs.push(dir, runtimeDirs(dir));
  return dir;
};

describe('engine choice', () => {
  it('auto does not pick a docker CLI whose engine does not answer, and falls back to the process engine saying why', async () => {
    const selection = await selectEngine('auto', { storeDir: storeDir(), env: { PATH: fakeBin({ docker: DEAD_DOCKER }) } });
    expect(selection).toMatchObject({ name: 'process', engine: undefined });
    expect(selection.why).toMatch(
      /podman: no podman command on PATH; docker: its CLI is present but the engine does not answer \(Cannot connect to the Docker daemon/,
    );
    expect(selection.why).toMatch(/using the process engine \(fallback\)$/);
  });

  it('auto prefers podman, then docker, where each answers', async () => {
    const both = await selectEngine('auto', { storeDir: storeDir(), env: { PATH: fakeBin({ docker: LIVE_DOCKER, podman: LIVE_PODMAN }) } });
    expect(both.name).toBe('podman');
    const docker = await selectEngine('auto', { storeDir: storeDir(), env: { PATH: fakeBin({ docker: LIVE_DOCKER }) } });
    expect(docker.name).toBe('docker');
    expect(docker.engine!.describe()).toBe('docker 28.2.2 (docker daemon)');
  });

  it('an explicit engine that does not answer stops the start with its own error and what to do', async () => {
    const failure = await selectEngine('docker', { storeDir: storeDir(), env: { PATH: fakeBin({ docker: DEAD_DOCKER }) } }).catch(
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).message).toMatch(/^the docker engine cannot be used: its CLI is present but the engine does not answer/);
    const missing = await selectEngine('podman', { storeDir: storeDir(), env: { PATH: fakeBin({}) } }).catch((err: unknown) => err);
    expect((missing as UserError).message).toBe('the podman engine cannot be used: no podman command on PATH');
  });

  it('records the engine on every build and app, and says plainly when RUN steps were not executed', async () => {
    const t = await startIgniteWithClients({ engine: 'auto', engineEnv: { PATH: fakeBin({ docker: DEAD_DOCKER }) } });
    try {
      expect(t.ignite.engine).toBe('process');
      const { build_id } = await t.build('CreateBuild', {
        name: 'fallback',
        zipped_code: await tarGz({ Dockerfile: 'FROM scratch\nRUN echo hi\n' }),
      });
      const build = await waitForBuild(buildApi(t.buildClient as never), build_id);
      expect(build).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', engine: 'process', steps_not_executed: ['RUN echo hi'] });
      await t.compute('CreateApp', { name: 'recorded' });
      expect((await t.compute('GetApp', { app_name: 'recorded' })).app.engine).toBe('process');
    } finally {
      await t.close();
    }
  });
});
