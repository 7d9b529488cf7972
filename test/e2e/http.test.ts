import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { CANARY } from '../helpers/canary.js';
import { stopLocalIgnite } from '../helpers/daemon.js';
import { httpClient, startHttpServerProcess, type HttpServerProcess } from '../helpers/http-server-process.js';

const TOKEN = 'http-test-bearer-token-0123456789';
const work = mkdtempSync(path.join(os.tmpdir(), 'e2e-http-'));
cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
let server: HttpServerProcess;
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  server = await startHttpServerProcess(
    ['--allowed-root', work],
    { IGNITE_MCP_HTTP_TOKEN: TOKEN, IGNITE_MCP_DATA_DIR: path.join(work, 'data'), DODIL_TOKEN: CANARY },
    work,
  );
});
afterAll(async () => {
  await server?.stop();
  await stopLocalIgnite(path.join(work, 'data'));
  rmSync(work, { recursive: true, force: true });
});

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const post = (headers: Record<string, string | undefined>) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: initialize,
  });

describe('ignite-mcp serve --http', () => {
  it('refuses a missing, wrong or partial token with 401 and a Bearer challenge', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${TOKEN.slice(0, 12)}` },
      { authorization: TOKEN },
    ]) {
      const response = await post(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="ignite-mcp"/);
      await response.body?.cancel();
    }
  });

  it('refuses a Host or Origin of another site (DNS rebinding) with 403', async () => {
    // fetch may not set Host; node:http sends what it is given, as a rebinding page's browser would.
    const raw = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          server.url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...auth, ...headers },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end(initialize);
      });
    expect(await raw({ host: 'evil.example.com' })).toBe(403);
    expect(await raw({ origin: 'http://evil.example.com' })).toBe(403);
    expect(await raw({ host: new URL(server.url).host, origin: `http://${new URL(server.url).host}` })).toBe(200);
  });

  it('runs the workflow folder to invoke through the SDK client, with log subscription updates', async () => {
    const { client, call } = await httpClient(server.url, auth);
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    await call('configure_app', { app_name: 'over-http', ports: [8080] });
    const { build_id } = (await call('create_build', { name: 'over-http', path: path.join(work, 'app') })) as { build_id: string };
    await client.subscribeResource({ uri: `ignite://builds/${build_id}/logs` });
    const done = (await call('get_build', { build_id, wait_seconds: 40 })) as { build: { status: string } };
    expect(done.build.status).toBe('SUCCEEDED');
    // A build that ended before the subscription still gets its update, but over HTTP it comes on the
    // notification stream, which may deliver it after get_build's response.
    await vi.waitFor(() => expect(updates).toContain(`ignite://builds/${build_id}/logs`), { timeout: 10_000 });
    await call('save_image_draft', { app_name: 'over-http', build_id });
    await call('publish_draft', { app_name: 'over-http' });
    const invoked = (await call('invoke', { app_name: 'over-http', payload: { over: 'http' } })) as { status_code: number; body: string };
    expect(invoked.status_code).toBe(200);
    expect(JSON.parse(invoked.body).echo).toEqual({ over: 'http' });
    await client.close();
    expect(server.stderr()).not.toContain(CANARY);
  });
});
