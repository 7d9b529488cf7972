/**
 * Clients that start a server per call (the MCP Inspector's CLI mode, scripts, some IDEs): each
 * step of the workflow runs in a new stdio server, and the builds and drafts they start go on in
 * the one local Ignite of the data directory, which outlives every one of them.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOnce, cleanUp, lockHolderOf, localIgnites, requireBuild, runBin, startServer, tempDir } from '../helpers/daemon.js';

let work: string;
let dataDir: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-percall-');
  dataDir = path.join(work, 'data');
  cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
});
afterAll(() => cleanUp(dataDir, work));

describe('one server process per call', () => {
  it('runs the whole workflow, each step in a new server, on one local Ignite', { timeout: 90_000 }, async () => {
    const once = (name: string, args: Record<string, unknown>) => callOnce(dataDir, name, args, work);
    const { context_id } = await once('upload_context', { path: 'app' });
    expect(context_id).toMatch(/\S/);
    const daemon = lockHolderOf(dataDir)!.pid;
    await once('configure_app', { app_name: 'percall', ports: [8080] });
    const { build_id } = await once('create_build', { name: 'percall', context_id });
    const done = await once('get_build', { build_id, wait_seconds: 40 });
    expect(done.build.status).toBe('SUCCEEDED');
    const draft = await once('save_image_draft', { app_name: 'percall', build_id });
    expect(draft.draft.image_ref).toMatch(/^localhost\/local\/percall:/);
    const tested = await once('test_draft', { app_name: 'percall', payload: { step: 'test' } });
    expect(tested.status_code).toBe(200);
    await once('publish_draft', { app_name: 'percall' });
    const invoked = await once('invoke', { app_name: 'percall', payload: { step: 'invoke' } });
    expect(JSON.parse(invoked.body).echo).toEqual({ step: 'invoke' });
    // Every call found the local Ignite the first one started.
    expect(lockHolderOf(dataDir)!.pid).toBe(daemon);
    expect(localIgnites(dataDir)).toEqual([daemon]);
  });

  it('lets a build started by a server that exits at once be read to its end by the next one', { timeout: 60_000 }, async () => {
    const starter = await startServer({ dataDir, cwd: work, args: ['--allowed-root', work] });
    const { build_id } = await starter.call('create_build', { name: 'orphan', path: 'app' });
    process.kill(starter.pid, 'SIGKILL');
    await starter.close().catch(() => undefined);
    const reader = await startServer({ dataDir, cwd: work });
    try {
      const done = await reader.call('get_build', { build_id, wait_seconds: 40 });
      expect(done.build.status).toBe('SUCCEEDED');
      const listed = await reader.call('list_builds', {});
      expect(listed.builds.map((build: { build_id: string }) => build.build_id)).toContain(build_id);
    } finally {
      await reader.close();
    }
  });

  it('starts another local Ignite on the next call when the one it used was stopped', { timeout: 60_000 }, async () => {
    const server = await startServer({ dataDir, cwd: work });
    try {
      await server.call('list_builds', {});
      const first = lockHolderOf(dataDir)!.pid;
      const stopped = runBin(['local', 'stop', '--data-dir', dataDir]);
      expect(stopped.stdout).toMatch(/1 MCP server\(s\) still use this data directory and start a new one on their next call/);
      const listed = await server.call('list_builds', {});
      expect(listed.builds.length).toBeGreaterThan(0);
      expect(lockHolderOf(dataDir)!.pid).not.toBe(first);
      expect(server.stderr()).toMatch(/has stopped; finding or starting another/);
    } finally {
      await server.close();
    }
  });
});
