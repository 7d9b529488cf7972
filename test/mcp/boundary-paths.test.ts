/**
 * Issue 10, reads outside the allowed folders, through a real MCP client: the existence oracle of an
 * in-root link to `/`, hard links to outside files, ignore files that are links, devices or FIFOs, and
 * archives whose symlinks chain out of the build directory.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let outside: string;
beforeAll(async () => {
  harness = await startHarness();
  outside = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  writeFileSync(path.join(outside, 'private.txt'), 'outside-secret-content\n');
  writeFileSync(path.join(outside, 'rules'), '*\n');
});
afterAll(async () => {
  await harness.close();
  rmSync(outside, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(harness.workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY . /ctx/\n');
  for (const [rel, content] of Object.entries(files)) writeFileSync(path.join(dir, rel), content);
  return dir;
}

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('an in-root symlink to /', () => {
  it('says only "outside the allowed folders", whether or not the file exists', async () => {
    const dir = project('oracle');
    symlinkSync('/', path.join(dir, 'slash'));
    const errors: string[] = [];
    for (const target of ['etc/passwd', 'etc/no-such-file-here', 'etc/passwd/x', 'no-such-dir/x']) {
      for (const tool of ['upload_context', 'create_build']) {
        const result = await harness.call(tool, {
          name: 'x',
          path: path.join(dir, 'slash', target),
          ...(tool === 'upload_context' ? { dry_run: true } : {}),
        });
        expect(result.isError).toBe(true);
        errors.push(textOf(result).replace(target, '<target>'));
      }
    }
    expect(errors.every((text) => text.includes('Path is outside the allowed folders'))).toBe(true);
    expect(new Set(errors).size).toBe(1);
    expect(errors.join('\n')).not.toMatch(/resolves to|does not exist/);
  });
});

describe('hard links', () => {
  it('are packed by default and named in the manifest', async () => {
    const dir = project('hardlinks');
    linkSync(path.join(outside, 'private.txt'), path.join(dir, 'innocent.txt'));
    const dry = structured<{ file_count: number; manifest: { hard_links: string[] } }>(
      await harness.call('upload_context', { path: dir, dry_run: true }),
    );
    expect(dry.manifest.hard_links).toEqual(['innocent.txt']);
    expect(dry.file_count).toBe(2);
  });

  it('are left out, by name, with IGNITE_MCP_HARDLINKS=refuse', async () => {
    const refusing = await startHarness({ env: { IGNITE_MCP_HARDLINKS: 'refuse' } });
    try {
      const dir = path.join(refusing.workDir, 'hardlinks');
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
      linkSync(path.join(outside, 'private.txt'), path.join(dir, 'innocent.txt'));
      const dry = structured<{ file_count: number; manifest: { left_out: Array<{ path: string; reason: string }> } }>(
        await refusing.call('upload_context', { path: dir, dry_run: true }),
      );
      expect(dry.file_count).toBe(1);
      expect(dry.manifest.left_out).toContainEqual({
        path: 'innocent.txt',
        reason: expect.stringMatching(/^hard-link: \d+ names \(IGNITE_MCP_HARDLINKS=refuse\)$/),
      });
    } finally {
      await refusing.close();
    }
  });
});

describe('an ignore file that is not a regular file inside the folder', () => {
  it('is refused when it is a symlink to a file outside, or to /dev/zero', async () => {
    for (const [name, target] of [
      ['ignore-outside', path.join(outside, 'rules')],
      ['ignore-zero', '/dev/zero'],
    ] as const) {
      const dir = project(name);
      symlinkSync(target, path.join(dir, '.dockerignore'));
      const result = await harness.call('upload_context', { path: dir, dry_run: true });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('.dockerignore cannot be used as an ignore file: it is a symlink, not a regular file');
    }
  });

  it('is refused at once when it is a FIFO, and four of them do not hold up an ordinary dry run', async () => {
    const fifos = [0, 1, 2, 3].map((i) => {
      const dir = project(`ignore-fifo-${i}`);
      execFileSync('mkfifo', [path.join(dir, '.dockerignore')]);
      return dir;
    });
    const refusals = fifos.map((dir) => harness.call('upload_context', { path: dir, dry_run: true }));
    const ordinary = await harness.call('upload_context', { path: project('ordinary'), dry_run: true });
    expect(ordinary.isError).toBeFalsy();
    for (const result of await Promise.all(refusals)) expect(textOf(result)).toContain('it is a FIFO, not a regular file');
  });
});

type TarEntry = { name: string; type?: 'file' | 'directory' | 'symlink'; linkname?: string; data?: string };

async function tarGz(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const bytes = (async () => {
    const parts: Uint8Array[] = [];
    for await (const chunk of pack as AsyncIterable<Uint8Array>) parts.push(chunk);
    return Buffer.concat(parts);
  })();
  for (const { data, ...header } of entries) {
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (data !== undefined) pack.entry(header, data, done);
      else pack.entry(header, done);
    });
  }
  pack.finalize();
  return gzipSync(await bytes);
}

function zip(entries: Array<{ name: string; link?: string; data?: string }>): Buffer {
  const parts: Uint8Array[] = [];
  const archive = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  for (const entry of entries) {
    const file = new ZipPassThrough(entry.name);
    if (entry.link !== undefined) Object.assign(file, { os: 3, attrs: (0o120777 << 16) >>> 0 });
    archive.add(file);
    file.push(new TextEncoder().encode(entry.link ?? entry.data ?? ''), true);
  }
  archive.end();
  return Buffer.concat(parts);
}

describe('an existing archive whose symlinks chain out of the build directory', () => {
  const chain = [
    { name: 'd', type: 'directory' as const },
    { name: 'd/l', type: 'symlink' as const, linkname: '..' },
    { name: 'd/l/x', type: 'symlink' as const, linkname: '..' },
    { name: 'd/l/x/pwned', data: 'written outside' },
  ];

  it('is refused (tar.gz), as the local unpack refuses it', async () => {
    const file = path.join(harness.workDir, 'chain.tar.gz');
    writeFileSync(file, await tarGz(chain));
    const result = await harness.call('upload_context', { path: file, dry_run: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('would be written through the symlink d/l');
  });

  it('is refused (tar.gz) when the links alone climb out, with no file written through them', async () => {
    const file = path.join(harness.workDir, 'chain-links.tar.gz');
    writeFileSync(
      file,
      await tarGz([
        { name: 'a/b', type: 'symlink', linkname: '..' },
        { name: 'a/c', type: 'symlink', linkname: 'b/..' },
      ]),
    );
    const result = await harness.call('upload_context', { path: file, dry_run: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('points outside the archive through other symlinks');
  });

  it('is refused (zip)', async () => {
    const file = path.join(harness.workDir, 'chain.zip');
    writeFileSync(
      file,
      zip([
        { name: 'd/l', link: '..' },
        { name: 'd/l/x', link: '..' },
        { name: 'd/l/x/pwned', data: 'x' },
      ]),
    );
    const result = await harness.call('upload_context', { path: file, dry_run: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('would be written through the symlink d/l');
  });
});
