import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startHttpServer, type RunningHttpServer } from '../../src/mcp/http/http-server.js';
import { startRuntime } from '../../src/mcp/runtime.js';
import { createServer } from '../../src/mcp/server.js';
import { silentLogger } from '../../src/shared/log.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';
import { CANARY } from '../helpers/canary.js';
import { httpClient } from '../helpers/http-server-process.js';

const TOKEN = 'instances-test-token-0123456789';
const home = mkdtempSync(path.join(os.tmpdir(), 'http-instances-'));
cpSync(path.resolve('test/fixtures/example-app'), path.join(home, 'app'), { recursive: true });
let ignite: LocalIgnite;
const instances: RunningHttpServer[] = [];

/** One ignite-mcp HTTP instance against the shared Ignite, as a load balancer would see several. */
async function instance(): Promise<RunningHttpServer> {
  const config = loadConfig({
    env: { IGNITE_API_ENDPOINT: ignite.endpoint, DODIL_TOKEN: CANARY, IGNITE_ORG_NAME: 'local' },
    argv: [],
    homeDir: home,
    cwd: home,
  });
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    tokens: [TOKEN],
    perUserTokens: false,
    logger: silentLogger,
    createSession: async () => {
      const runtime = await startRuntime({ config, logger: silentLogger, cwd: home });
      return { mcp: createServer(runtime.deps), close: () => runtime.close() };
    },
  });
  instances.push(server);
  return server;
}

beforeAll(async () => {
  ignite = await startLocalIgnite({ requiredToken: CANARY });
});
afterAll(async () => {
  for (const server of instances) await server.close();
  await ignite.close();
  rmSync(home, { recursive: true, force: true });
});

describe('several HTTP instances against one Ignite', () => {
  it('share everything Ignite holds, and keep sessions to themselves (so a balancer must be sticky by Mcp-Session-Id)', async () => {
    const [a, b] = [await instance(), await instance()];
    const auth = { authorization: `Bearer ${TOKEN}` };
    const onA = await httpClient(a.url, auth);
    const onB = await httpClient(b.url, auth);
    await onA.call('configure_app', { app_name: 'shared-app', ports: [8080] });
    const seenFromB = (await onB.call('configure_app', { app_name: 'shared-app' })) as { created: boolean; app: { ports: number[] } };
    expect(seenFromB).toMatchObject({ created: false, app: { ports: [8080] } });
    const { build_id } = (await onA.call('create_build', { name: 'shared-build', path: path.join(home, 'app') })) as { build_id: string };
    const followedOnB = (await onB.call('get_build', { build_id, wait_seconds: 30 })) as { build: { status: string } };
    expect(followedOnB.build.status).toBe('SUCCEEDED');

    // A session lives in the instance that opened it: another instance does not know its id.
    const misrouted = await fetch(b.url, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': onA.transport.sessionId!,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} }),
    });
    expect(misrouted.status).toBe(404);
    await misrouted.body?.cancel();
    await onA.client.close();
    await onB.client.close();
  });
});
