import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SECRET_VALUE_CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

/**
 * A private repository the builder can reach only with the git secret: the bare repository is
 * served over git's dumb HTTP protocol by a server that answers 401 unless Basic auth carries the
 * secret's user and token. The token goes in through create_secret (a file) and nowhere else.
 */
let harness: Harness;
let repoDir: string;
let server: http.Server;
let repoUrl = '';
let commit = '';
const seen = { authorized: 0, refused: 0 };

beforeAll(async () => {
  repoDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-private-git-'));
  const work = path.join(repoDir, 'work');
  cpSync(path.resolve('test/fixtures/example-app'), work, { recursive: true });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();
  git(work, 'init', '-q', '-b', 'main');
  git(work, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git(work, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'app');
  commit = git(work, 'rev-parse', 'HEAD');
  git(repoDir, 'clone', '-q', '--bare', work, 'app.git');
  git(path.join(repoDir, 'app.git'), 'update-server-info');
  const expected = `Basic ${Buffer.from(`x-access-token:${SECRET_VALUE_CANARY}`).toString('base64')}`;
  server = http.createServer((request, response) => {
    if (request.headers.authorization !== expected) {
      seen.refused++;
      response.writeHead(401, { 'www-authenticate': 'Basic realm="private"' });
      return response.end();
    }
    seen.authorized++;
    const file = path.join(repoDir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(path.join(repoDir, 'app.git')) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404);
      return response.end();
    }
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  repoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/app.git`;
  harness = await startHarness();
}, 30_000);
afterAll(async () => {
  await harness.close();
  server.close();
  rmSync(repoDir, { recursive: true, force: true });
});

function structured<T = Record<string, any>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('a git build with secret_ref', () => {
  it('clones the private repository with the git secret, and fails without it', async () => {
    writeFileSync(path.join(harness.workDir, 'pat.txt'), SECRET_VALUE_CANARY);
    structured(await harness.call('create_secret', { name: 'repo-pat', type: 'git', username: 'x-access-token', value_file: 'pat.txt' }));
    structured(await harness.call('configure_app', { app_name: 'from-git', ports: [8080] }));

    // Dumb HTTP cannot clone shallow, so the draft names the commit (the builder then clones in full).
    const saved = structured(
      await harness.call('save_image_draft', { app_name: 'from-git', git_url: repoUrl, git_ref: commit, secret_ref: 'repo-pat' }),
    );
    const built = structured(await harness.call('get_build', { build_id: saved.draft.build_id, wait_seconds: 30 }));
    expect(built.build.status, built.build.error).toBe('SUCCEEDED');
    expect(seen.authorized).toBeGreaterThan(0);
    expect(structured(await harness.call('test_draft', { app_name: 'from-git', payload: { via: 'git' } })).status_code).toBe(200);

    const anonymous = structured(await harness.call('save_image_draft', { app_name: 'from-git', git_url: repoUrl, git_ref: commit }));
    const failed = structured(await harness.call('get_build', { build_id: anonymous.draft.build_id, wait_seconds: 30 }));
    expect(failed.build.status).toBe('FAILED');
    expect(seen.refused).toBeGreaterThan(0);

    const wrongType = await harness.call('save_image_draft', {
      app_name: 'from-git',
      image_ref: 'localhost/local/x:1',
      registry_secret_ref: 'repo-pat',
    });
    expect(textOf(wrongType)).toMatch(/is a git secret; registry_secret_ref needs a registry secret/);
  }, 90_000);
});
