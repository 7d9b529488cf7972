import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IgnoreFileError, MAX_IGNORE_FILE_BYTES } from '../../src/archive/ignore-file.js';
import { packContext, walkContext, type WalkResult } from '../../src/packing/index.js';
import { collect, tempDir, untarGz, writeTree } from './helpers.js';

const files = (walk: WalkResult) => walk.entries.filter((e) => e.kind === 'file').map((e) => e.path);

describe('the ignore file the packer applies', () => {
  it('is web.Dockerfile.dockerignore for web.Dockerfile, so dist/ excluded by the root file is packed', async () => {
    const root = await writeTree(await tempDir(), {
      '.dockerignore': 'dist\n',
      'web.Dockerfile.dockerignore': '*.log\n',
      'web.Dockerfile': 'FROM scratch\nCOPY dist/app.js /app/\n',
      'dist/app.js': 'x',
      'debug.log': 'x',
    });
    const walk = await walkContext({ root, dockerfile: 'web.Dockerfile' });
    expect(walk.ignoreFile).toBe('web.Dockerfile.dockerignore');
    expect(files(walk)).toEqual(['.dockerignore', 'dist/app.js', 'web.Dockerfile', 'web.Dockerfile.dockerignore']);
    expect(walk.excluded).toEqual([{ path: 'debug.log', reason: 'dockerignore' }]);
    const packed = await packContext({ folder: root, allowedRoots: [root], dockerfile: 'web.Dockerfile' });
    expect([...(await untarGz(await collect(packed.stream))).keys()]).toContain('dist/app.js');
  });
});

describe('reading an ignore file safely', () => {
  const refused = async (spec: Parameters<typeof writeTree>[1], dockerfile = 'Dockerfile') => {
    const root = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n', ...spec });
    const error = await walkContext({ root, dockerfile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IgnoreFileError);
    return (error as Error).message;
  };

  it('refuses a symlink instead of following it', async () => {
    expect(await refused({ 'rules.txt': 'x\n', '.dockerignore': { link: 'rules.txt' } })).toBe(
      '.dockerignore cannot be used as an ignore file: it is a symlink, not a regular file',
    );
  });

  it('refuses a directory and a FIFO, without waiting for a writer', async () => {
    expect(await refused({ '.dockerignore': { dir: true } })).toMatch(/it is a directory, not a regular file/);
    const root = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n' });
    try {
      execFileSync('mkfifo', [path.join(root, '.dockerignore')]);
    } catch {
      return; // no mkfifo on this system
    }
    await expect(walkContext({ root })).rejects.toThrow(/it is a FIFO, not a regular file/);
  });

  it('refuses one over 1 MiB, and reads one of exactly 1 MiB', async () => {
    const big = `${'x'.repeat(MAX_IGNORE_FILE_BYTES)}\n`;
    expect(await refused({ '.dockerignore': big })).toMatch(/it is over 1 MiB/);
    const root = await writeTree(await tempDir(), { Dockerfile: 'FROM scratch\n', '.dockerignore': big.slice(1) });
    expect((await walkContext({ root })).ignoreFile).toBe('.dockerignore');
  });

  it('refuses one reached through a folder that leads outside the context', async () => {
    const outside = await writeTree(await tempDir(), { 'app.Dockerfile.dockerignore': 'x\n' });
    const message = await refused({ docker: { link: outside } }, 'docker/app.Dockerfile');
    expect(message).toMatch(/^docker\/app\.Dockerfile\.dockerignore cannot be used as an ignore file: a folder on its path leads outside/);
  });
});
