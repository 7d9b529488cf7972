/**
 * Two MCP clients at once on the default data directory (Claude Desktop and Claude Code, two
 * editor windows): two servers start at the same moment, end up on one local Ignite, and build,
 * upload and configure at the same time without losing or overwriting each other's work.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, lockHolderOf, localIgnites, requireBuild, startServer, tempDir, waitFor, type ServerProcess } from '../helpers/daemon.js';

let work: string;
let dataDir: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-shared-');
  dataDir = path.join(work, 'data');
  cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
});
afterAll(() => cleanUp(dataDir, work));

/** What one client does: its own app and settings, an upload, two builds (one from the upload, one inline). */
async function work_(server: ServerProcess, name: string): Promise<string[]> {
  const [configured, uploaded] = await Promise.all([
    server.call('configure_app', {
      app_name: name,
      ports: [8080, 9000 + name.length],
      env: { OWNER: name, [`ONLY_${name.toUpperCase()}`]: '1' },
    }),
    server.call('upload_context', { path: 'app', name }),
  ]);
  expect(configured.created).toBe(true);
  const builds = await Promise.all([
    server.call('create_build', { name, context_id: uploaded.context_id }),
    server.call('create_build', { name: `${name}-inline`, path: 'app' }),
  ]);
  const ids = builds.map((build) => build.build_id as string);
  for (const id of ids) expect((await server.call('get_build', { build_id: id, wait_seconds: 40 })).build.status).toBe('SUCCEEDED');
  return ids;
}

describe('two MCP servers on one data directory', () => {
  it("start one local Ignite between them, and neither loses or overwrites the other's work", { timeout: 90_000 }, async () => {
    const [left, right] = await Promise.all(
      ['left', 'right'].map(() => startServer({ dataDir, cwd: work, args: ['--allowed-root', work] })),
    );
    try {
      // Both start at the same moment, with no local Ignite yet: the loser of the race joins the winner.
      const [leftBuilds, rightBuilds] = await Promise.all([work_(left!, 'left'), work_(right!, 'right')]);
      await waitFor(() => localIgnites(dataDir).length === 1, 'the loser of the race to exit');
      expect(localIgnites(dataDir)).toEqual([lockHolderOf(dataDir)!.pid]);

      const all = [...leftBuilds, ...rightBuilds];
      for (const server of [left!, right!]) {
        const listed = await server.call('list_builds', { limit: 50 });
        const seen = new Map(listed.builds.map((build: { build_id: string; status: string }) => [build.build_id, build.status]));
        for (const id of all) expect(seen.get(id), id).toBe('SUCCEEDED');
      }
      // Each app kept its own settings: reading them back (configure_app with nothing to change) from the other server.
      const leftApp = (await right!.call('configure_app', { app_name: 'left' })).app;
      const rightApp = (await left!.call('configure_app', { app_name: 'right' })).app;
      expect(leftApp).toMatchObject({ ports: [8080, 9004], env_names: ['ONLY_LEFT', 'OWNER'] });
      expect(rightApp).toMatchObject({ ports: [8080, 9005], env_names: ['ONLY_RIGHT', 'OWNER'] });
      expect(left!.stderr() + right!.stderr()).not.toMatch(/ENOENT|ENOTEMPTY|interrupted/);
    } finally {
      await Promise.all([left?.close(), right?.close()]);
    }
  });
});
