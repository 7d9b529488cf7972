import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';
import { httpClient, startHttpServerProcess, type HttpServerProcess } from '../helpers/http-server-process.js';

const BEARER = 'identities-bearer-0123456789';
// Two callers, each with its own Ignite identity: the local Ignite derives the organization from the token.
const ALICE = 'alice-ignite-token-0123456789abcdef';
const BOB = 'bob-ignite-token-0123456789abcdef';
const work = mkdtempSync(path.join(os.tmpdir(), 'e2e-identities-'));
cpSync(path.resolve('test/fixtures/example-app'), path.join(work, 'app'), { recursive: true });
let ignite: LocalIgnite;
let server: HttpServerProcess;

beforeAll(async () => {
  ignite = await startLocalIgnite({
    identities: [
      { token: ALICE, organization: 'alice-org' },
      { token: BOB, organization: 'bob-org' },
    ],
  });
  server = await startHttpServerProcess(
    ['--http-per-user-tokens', '--allowed-root', work],
    { IGNITE_MCP_HTTP_TOKEN: BEARER, IGNITE_API_ENDPOINT: ignite.endpoint },
    work,
  );
});
afterAll(async () => {
  await server?.stop();
  await ignite?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('one shared HTTP server, each session with its own Ignite token', () => {
  it('acts as each caller: builds, lists and reads stay within their own identity, and no token reaches the other', async () => {
    const alice = await httpClient(server.url, { authorization: `Bearer ${BEARER}`, 'x-ignite-token': ALICE });
    const bob = await httpClient(server.url, { authorization: `Bearer ${BEARER}`, 'x-ignite-token': BOB });
    const seen: string[] = [];
    const watch =
      (client: typeof alice) =>
      async (name: string, args: Record<string, unknown> = {}) => {
        const result = await client.client.callTool({ name, arguments: args });
        seen.push(JSON.stringify(result));
        return result as { isError?: boolean; structuredContent: Record<string, any> };
      };
    const asAlice = watch(alice);
    const asBob = watch(bob);
    const aliceBuild = (await asAlice('create_build', { name: 'alice-app', path: path.join(work, 'app') })).structuredContent
      .build_id as string;
    const bobBuild = (await asBob('create_build', { name: 'bob-app', path: path.join(work, 'app') })).structuredContent.build_id as string;
    expect((await asAlice('get_build', { build_id: aliceBuild, wait_seconds: 30 })).structuredContent.build.status).toBe('SUCCEEDED');

    const listed = (await asAlice('list_builds', {})).structuredContent.builds.map((build: { build_id: string }) => build.build_id);
    expect(listed).toContain(aliceBuild);
    expect(listed).not.toContain(bobBuild);
    const across = await asAlice('get_build', { build_id: bobBuild });
    expect(across.isError).toBe(true);
    expect(JSON.stringify(across)).toMatch(/NOT_FOUND/);
    expect((await asBob('get_build', { build_id: bobBuild })).isError).toBeFalsy();

    // The canary check across sessions: neither token in any result either session got, or in the server's log.
    for (const text of [...seen, server.stderr()]) {
      expect(text).not.toContain(ALICE);
      expect(text).not.toContain(BOB);
    }
    await alice.client.close();
    await bob.client.close();
  });
});
