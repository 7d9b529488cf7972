/**
 * Issue 10: a git source must not be a way around the allowed folders or the secret-file rules. A
 * security test built a repository outside the roots through create_build's git_url (its local path or
 * its file:// URL), secret files included, and read a file's first word back through `dockerfile`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImageRecord } from '../../src/local/images.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

const KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

function makeRepo(dir: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' });
  mkdirSync(dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY . /src/\n');
  writeFileSync(path.join(dir, 'app.js'), 'console.log("hi");\n');
  writeFileSync(path.join(dir, '.env'), 'DB_PASSWORD=hunter2\n');
  writeFileSync(path.join(dir, 'deploy_key'), KEY);
  writeFileSync(path.join(dir, 'secret.txt'), 'hunter2 is the password\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  return dir;
}

let harness: Harness;
let outsideRepo: string;
let insideRepo: string;
beforeAll(async () => {
  harness = await startHarness();
  outsideRepo = makeRepo(mkdtempSync(path.join(os.tmpdir(), 'outside-repo-')));
  insideRepo = makeRepo(path.join(harness.workDir, 'repo'));
});
afterAll(async () => {
  await harness.close();
  rmSync(outsideRepo, { recursive: true, force: true });
});

function expectRefused(result: CallToolResult): void {
  expect(result.isError).toBe(true);
  expect(textOf(result)).toContain('outside the allowed folders');
  expect(textOf(result)).not.toContain('hunter2');
}

async function finished(result: CallToolResult) {
  if (result.isError) throw new Error(textOf(result));
  const { build_id } = result.structuredContent as { build_id: string };
  const done = await harness.call('get_build', { build_id, wait_seconds: 40 });
  const logs = textOf(await harness.call('read_build_logs', { build_id, max_lines: 500 }));
  return { build: (done.structuredContent as { build: { status: string; error: string | null; image_digest: string } }).build, logs };
}

describe('git_url on this machine is checked like path', () => {
  it('create_build refuses a repository outside the roots, by path and by file:// URL', async () => {
    expectRefused(await harness.call('create_build', { name: 'stolen', git_url: outsideRepo }));
    expectRefused(await harness.call('create_build', { name: 'stolen', git_url: pathToFileURL(outsideRepo).href }));
    expectRefused(await harness.call('create_build', { name: 'stolen', git_url: outsideRepo, dockerfile: 'secret.txt' }));
  });

  it('save_image_draft refuses it too', async () => {
    expectRefused(await harness.call('save_image_draft', { app_name: 'stolen', git_url: outsideRepo }));
    expectRefused(await harness.call('save_image_draft', { app_name: 'stolen', git_url: `file://${outsideRepo}` }));
  });

  it('refuses an in-root link to the repository, and an in-root folder whose .git points outside', async () => {
    const link = path.join(harness.workDir, 'repo-link');
    execFileSync('ln', ['-s', outsideRepo, link]);
    expectRefused(await harness.call('create_build', { name: 'stolen', git_url: link }));
    const pointer = path.join(harness.workDir, 'worktree-like');
    mkdirSync(pointer);
    writeFileSync(path.join(pointer, '.git'), `gitdir: ${path.join(outsideRepo, '.git')}\n`);
    expectRefused(await harness.call('create_build', { name: 'stolen', git_url: pointer }));
  });

  it('builds a repository inside the roots without its secret-shaped files, and says which were left out', async () => {
    const { build, logs } = await finished(await harness.call('create_build', { name: 'inside', git_url: insideRepo }));
    expect(build.status).toBe('SUCCEEDED');
    const image = harness.local.store.collection<ImageRecord>('images').get(build.image_digest)!;
    const files = readdirSync(path.join(image.rootfs_dir, 'src')).sort();
    expect(files).toEqual(['Dockerfile', 'app.js']);
    expect(existsSync(path.join(image.rootfs_dir, 'src', '.env'))).toBe(false);
    expect(logs).toContain('left out 3 secret-shaped files of the repository: .env (dotenv file), deploy_key (contains a private-key)');
  });

  it('does not read a secret-shaped file named as the Dockerfile, and quotes none of it', async () => {
    for (const dockerfile of ['secret.txt', '.env', 'deploy_key']) {
      const { build, logs } = await finished(await harness.call('create_build', { name: 'inside', git_url: insideRepo, dockerfile }));
      expect(build.status).toBe('FAILED');
      expect(build.error).toContain(`the Dockerfile ${dockerfile} looks like a secret`);
      expect(`${build.error}\n${logs}`).not.toMatch(/hunter2|b3BlbnNzaC1rZXkt/);
    }
  });

  it('refuses include_secret_files for a git source rather than ignoring it', async () => {
    const result = await harness.call('create_build', { name: 'inside', git_url: insideRepo, include_secret_files: ['.env'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('include_secret_files applies to a folder');
  });
});
