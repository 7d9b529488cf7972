import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_VALUE_CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

/**
 * A secret value given to create_secret must not come back anywhere once the server knows it: not
 * in an error that quotes it, not in an app's answer that echoes it, not in a log line. Each case
 * checks its own result; the harness fails on close if the value reached the client or the log.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ mode: 'embedded', serverEnv: { PULL_PASSWORD: SECRET_VALUE_CANARY } });
}, 30_000);
afterAll(() => harness.close());

/** An app that tells whoever asks what is in its config file, as debugging endpoints do. */
function writeLeakyApp(): string {
  const dir = path.join(harness.workDir, 'leaky-app');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.txt'), `registry password: ${SECRET_VALUE_CANARY}\n`);
  writeFileSync(
    path.join(dir, 'server.js'),
    `'use strict';
const fs = require('node:fs');
const config = fs.readFileSync(__dirname + '/config.txt', 'utf8');
require('node:http').createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
  process.stderr.write('serving ' + config);
  res.writeHead(500, { 'x-config': config.trim() });
  res.end(config);
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
  );
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY . ./\nCMD ["node", "server.js"]\n');
  return dir;
}

describe('a secret value, once known, never comes back', () => {
  it('an Ignite error that quotes the value', async () => {
    harness.local.faults.failNext('CreateSecret', 1, grpc.status.INVALID_ARGUMENT, `password "${SECRET_VALUE_CANARY}" is not accepted`);
    const result = await harness.call('create_secret', { name: 'pull', type: 'registry', username: 'bot', value_env: 'PULL_PASSWORD' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/password "\[REDACTED:secret\]" is not accepted/);
    const created = await harness.call('create_secret', { name: 'pull', type: 'registry', username: 'bot', value_env: 'PULL_PASSWORD' });
    expect(created.isError, textOf(created)).toBeFalsy();
    expect(JSON.stringify(created)).not.toContain(SECRET_VALUE_CANARY);
  });

  it('an app that echoes it, through test_draft and invoke, and the build of a context holding it', async () => {
    const built = await harness.call('create_build', { name: 'leaky', path: writeLeakyApp() });
    const { build_id } = built.structuredContent as { build_id: string };
    await harness.call('get_build', { build_id, wait_seconds: 30 });
    await harness.call('read_build_logs', { build_id });
    await harness.client.readResource({ uri: `ignite://builds/${build_id}/logs` });
    await harness.call('configure_app', { app_name: 'leaky' });
    const saved = await harness.call('save_image_draft', { app_name: 'leaky', build_id });
    expect(saved.isError, textOf(saved)).toBeFalsy();

    const tested = await harness.call('test_draft', { app_name: 'leaky', method: 'GET', path: '/config' });
    expect(tested.isError, textOf(tested)).toBeFalsy();
    const content = tested.structuredContent as { body: string; headers: Record<string, string> };
    expect(content.body).toBe('registry password: [REDACTED:secret]\n');
    expect(content.headers['x-config']).toBe('registry password: [REDACTED:secret]');

    await harness.call('publish_draft', { app_name: 'leaky' });
    const invoked = await harness.call('invoke', { app_name: 'leaky', method: 'GET', path: '/config' });
    expect(textOf(invoked)).toContain('[REDACTED:secret]');
    await harness.call('get_app', { app_name: 'leaky' });
  });

  it('nothing so far reached the client or the log', () => {
    expect(harness.canaryLeaks()).toEqual([]);
    expect(harness.logs.some((line) => line.includes('secret created'))).toBe(true);
  });
});
