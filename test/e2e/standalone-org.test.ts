/**
 * A standalone local Ignite reached as an endpoint on loopback needs no organization setting:
 * the server sends none and the local Ignite uses its default one, "local".
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, requireBuild, startForegroundLocal, startServer, tempDir } from '../helpers/daemon.js';

let work: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-org-');
});
afterAll(() => cleanUp(work));

describe('--endpoint 127.0.0.1:<port> with no organization configured', () => {
  it("configures, drafts and lists in the local Ignite's default organization", { timeout: 30_000 }, async () => {
    const local = await startForegroundLocal(['--memory', '--port', '0', '--no-token']);
    const endpoint = /serving dodil\.ignite\.v1 on (\S+)/.exec(local.stderr())![1]!;
    const server = await startServer({ dataDir: path.join(work, 'unused'), args: ['--endpoint', endpoint] });
    try {
      const configured = await server.call('configure_app', { app_name: 'standalone', ports: [8080] });
      expect(configured.app).toMatchObject({ id: 'local/standalone', organization_name: 'local' });
      expect((await server.raw('get_draft', { app_name: 'standalone' })).content[0]).toMatchObject({
        text: expect.not.stringMatching(/no organization/),
      });
      expect(await server.call('list_builds', {})).toMatchObject({ builds: [] });
    } finally {
      await server.close();
      local.child.kill('SIGTERM');
      await new Promise((resolve) => local.child.once('exit', resolve));
    }
  });
});
