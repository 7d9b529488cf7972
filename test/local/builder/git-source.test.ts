import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageRegistry } from '../../../src/local/images.js';
import { logText, startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';

let t: TestIgnite;
let repoDir: string;
let firstCommit: string;
beforeAll(async () => {
  t = await startTestIgnite();
  repoDir = mkdtempSync(path.join(os.tmpdir(), 'ignite-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repoDir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(repoDir, 'app'));
  writeFileSync(path.join(repoDir, 'app/Dockerfile'), 'FROM scratch\nCOPY version.txt /\n');
  writeFileSync(path.join(repoDir, 'app/version.txt'), 'v1');
  git('add', '.');
  git('commit', '-q', '-m', 'v1');
  firstCommit = git('rev-parse', 'HEAD');
  writeFileSync(path.join(repoDir, 'app/version.txt'), 'v2');
  git('commit', '-q', '-am', 'v2');
  git('tag', 'release-2');
});
afterAll(async () => {
  await t.close();
  rmSync(repoDir, { recursive: true, force: true });
});

async function gitBuild(git: { url: string; reference?: string; context_dir?: string }) {
  const { build_id } = await t.builds.create({ name: 'from-git', git_source: { context_dir: 'app', ...git } });
  const build = await waitForBuild(t.builds, build_id);
  const frames = await t.builds.logs({ build_id, from_start: true });
  const image = build.image_digest ? new ImageRegistry(t.ignite.store).get(build.image_digest) : undefined;
  const version = image ? execFileSync('cat', [path.join(image.rootfs_dir, 'version.txt')], { encoding: 'utf8' }) : undefined;
  return { build, frames, log: logText(frames), version };
}

describe('git sources', () => {
  it('clones a file:// URL at the default reference main, into the context_dir', async () => {
    const { build, version, log } = await gitBuild({ url: `file://${repoDir}` });
    expect(build).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', source: `git:file://${repoDir}#main` });
    expect(version).toBe('v2');
    expect(log[0]).toBe(`Cloning file://${repoDir} (reference main)`);
  });

  it('checks out a tag, a commit SHA (full clone) and works from a plain local path', async () => {
    expect((await gitBuild({ url: `file://${repoDir}`, reference: 'release-2' })).version).toBe('v2');
    expect((await gitBuild({ url: `file://${repoDir}`, reference: firstCommit })).version).toBe('v1');
    expect((await gitBuild({ url: repoDir })).version).toBe('v2');
  });

  it("fails with git's own error in the log for an unreachable remote or a missing branch", async () => {
    const missing = await gitBuild({ url: `file://${repoDir}-nope` });
    expect(missing.build.status).toBe('BUILD_STATUS_FAILED');
    expect(missing.build.error).toMatch(/^git clone failed \(exit 128\): fatal: /);
    const stderr = missing.frames.filter((f) => f.line?.stream === 'stderr').map((f) => f.line!.text);
    expect(stderr.some((line) => line.includes('does not appear to be a git repository') || line.includes('not found'))).toBe(true);
    const branch = await gitBuild({ url: `file://${repoDir}`, reference: 'no-such-branch' });
    expect(branch.log.join('\n')).toMatch(/Remote branch no-such-branch not found/);
  });

  it('fails when context_dir is not in the repository', async () => {
    const { build } = await gitBuild({ url: `file://${repoDir}`, context_dir: 'nope' });
    expect(build.error).toBe('context_dir "nope" is not a directory in the repository');
  });

  it("answers git's credential prompt from the org's saved git credentials, never logging the token", async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(req.headers.authorization ? 403 : 401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await t.builds.saveSecrets({ git_credentials: { username: 'bot', password: 'pat-very-secret' } });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`;
      const { build, log } = await gitBuild({ url });
      expect(build.status).toBe('BUILD_STATUS_FAILED');
      expect(seen).toContain(`Basic ${Buffer.from('bot:pat-very-secret').toString('base64')}`);
      expect(JSON.stringify(build) + log.join('\n')).not.toContain('pat-very-secret');
      const inUrl = await gitBuild({ url: url.replace('http://', 'http://someone:url-token-42@') });
      expect(inUrl.build.source).toBe(`git:${url}#main`);
      expect(JSON.stringify(inUrl.build) + inUrl.log.join('\n')).not.toContain('url-token-42');
    } finally {
      await t.builds.saveSecrets({});
      server.close();
    }
  });

  it('kills a hanging clone when the build is cancelled', async () => {
    const sockets: Socket[] = [];
    let closed = 0;
    const server = http.createServer(() => {});
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('close', () => closed++);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow.git`;
      const { build_id } = await t.builds.create({ name: 'slow', git_source: { url } });
      while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const cancelled = await t.builds.cancel(build_id);
      expect(cancelled.build).toMatchObject({ status: 'BUILD_STATUS_CANCELLED', error: 'cancelled by request' });
      while (closed < sockets.length) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(closed).toBe(sockets.length);
    } finally {
      server.close();
    }
  });
});
