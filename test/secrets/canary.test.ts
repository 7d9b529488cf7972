import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/bin.js';
import { CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

/**
 * Errors and echoes that are most likely to carry the credential back: every case asserts on its
 * own result, and the harness fails on close if the canary reached the client or the log anywhere.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

/** An app that answers every request with the request's headers and path, as debugging apps do. */
const ECHO_SERVER = `'use strict';
const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  process.stderr.write('request ' + req.url + ' ' + JSON.stringify(req.headers) + '\\n');
  res.writeHead(200, { 'content-type': 'application/json', 'x-echo-auth': String(req.headers.authorization || '') });
  res.end(JSON.stringify({ path: req.url, headers: req.headers }));
}).listen(Number(process.env.PORT || 8080), '127.0.0.1');
`;

function writeEchoApp(): string {
  const dir = path.join(harness.workDir, 'echo-app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'server.js'), ECHO_SERVER);
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n');
  return dir;
}

describe('the canary never comes back', () => {
  it('UNAUTHENTICATED details that quote the token, from a tool and a resource read', async () => {
    const details = `invalid token "Bearer ${CANARY}" (raw ${CANARY}) for org local`;
    harness.local.faults.failNext('ListBuilds', 1, grpc.status.UNAUTHENTICATED, details);
    const listed = await harness.call('list_builds', {});
    expect(listed.isError).toBe(true);
    expect(textOf(listed)).toMatch(/UNAUTHENTICATED/);
    expect(textOf(listed)).toMatch(/DODIL_TOKEN/);

    harness.local.faults.failNext('GetBuild', 1, grpc.status.UNAUTHENTICATED, details);
    await expect(harness.client.readResource({ uri: 'ignite://builds/b-1' })).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('a wrong token: the server says so without echoing either token', async () => {
    const wrong = await startHarness({ local: { requiredToken: 'the-right-token-is-another-one' } });
    try {
      const result = await wrong.call('get_build', { build_id: 'b-1' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/UNAUTHENTICATED[\s\S]*invalid or expired token/);
    } finally {
      await wrong.close();
    }
  });

  it('a token in a git URL: build records, logs and the failure summary show no credential', async () => {
    const created = await harness.call('create_build', {
      name: 'git-leak',
      git_url: `https://x-access-token:${CANARY}@127.0.0.1:1/org/repo.git`,
    });
    expect(created.isError, textOf(created)).toBeFalsy();
    const { build_id } = created.structuredContent as { build_id: string };
    const done = await harness.call('get_build', { build_id, wait_seconds: 20 });
    expect((done.structuredContent as { build: { status: string } }).build.status).toBe('FAILED');
    const logs = await harness.call('read_build_logs', { build_id, mode: 'errors' });
    expect(textOf(logs)).toMatch(/Cloning https:\/\/\[REDACTED:url-credentials\]@127\.0\.0\.1:1/);
    await harness.client.readResource({ uri: `ignite://builds/${build_id}/logs` });
    await harness.client.readResource({ uri: `ignite://builds/${build_id}` });
    await harness.call('list_builds', { name: 'git-leak' });
  });

  it('an authorization header echoed by the app, through test_draft and invoke', async () => {
    const built = await harness.call('create_build', { name: 'echo-app', path: writeEchoApp() });
    const { build_id } = built.structuredContent as { build_id: string };
    await harness.call('get_build', { build_id, wait_seconds: 30 });
    await harness.call('configure_app', { app_name: 'echo-headers', ports: [8080] });
    const saved = await harness.call('save_image_draft', { app_name: 'echo-headers', build_id });
    expect(saved.isError, textOf(saved)).toBeFalsy();
    const request = {
      app_name: 'echo-headers',
      method: 'GET',
      path: `/echo/${CANARY}`,
      headers: { authorization: `Bearer ${CANARY}`, 'x-api-key': CANARY },
    };

    const tested = await harness.call('test_draft', request);
    expect(tested.isError, textOf(tested)).toBeFalsy();
    const body = JSON.parse((tested.structuredContent as { body: string }).body) as { path: string; headers: Record<string, string> };
    expect(body.headers.authorization).toBe('Bearer [REDACTED:secret]');
    expect(body.path).toBe('/echo/[REDACTED:secret]');
    expect((tested.structuredContent as { headers: Record<string, string> }).headers['x-echo-auth']).toBe('Bearer [REDACTED:secret]');

    await harness.call('publish_draft', { app_name: 'echo-headers' });
    const invoked = await harness.call('invoke', request);
    expect(invoked.isError, textOf(invoked)).toBeFalsy();
    expect(textOf(invoked)).toContain('[REDACTED:secret]');
  });

  it('the workflow prompt and resource listings', async () => {
    await harness.client.getPrompt({ name: 'deploy_workflow', arguments: { source: './app', app_name: 'demo' } });
    await harness.client.listResources();
    await harness.client.listResourceTemplates();
  });

  it('nothing so far reached the client or the log', () => {
    expect(harness.canaryLeaks()).toEqual([]);
    expect(harness.logs.length).toBeGreaterThan(0);
  });
});

describe('a token with no endpoint', () => {
  it('is never sent: the embedded local Ignite sees a call without credentials', async () => {
    const embedded = await startHarness({ mode: 'embedded', env: { DODIL_TOKEN: CANARY }, local: { requiredToken: CANARY } });
    try {
      const result = await embedded.call('list_builds', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/missing credentials/);
    } finally {
      await embedded.close();
    }
  });
});

describe('a configuration error', () => {
  it.each([
    ['DODIL_TOKEN', CANARY],
    ['IGNITE_TOKEN', `Bearer ${CANARY}`],
  ])('does not print the token (%s) even when a bad setting quotes it', (variable, token) => {
    const run = spawnSync(process.execPath, [BIN], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        [variable]: token,
        IGNITE_API_ENDPOINT: `https://deploy:${CANARY}@bad host`,
        IGNITE_MCP_DEADLINE_MS: CANARY,
      },
      input: '',
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/IGNITE_API_ENDPOINT: must be host:port/);
    expect(run.stderr).toMatch(/IGNITE_MCP_DEADLINE_MS/);
    expect(run.stderr).not.toContain(CANARY);
    expect(run.stdout).toBe('');
  });
});
