import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ImageRecord } from '../../src/local/images.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

/** Every entry under `dir` as path → kind, mode bits and content (or link target). */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const full = path.join(dir, rel);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) out.set(rel, `link ${readlinkSync(full)}`);
    else if (stat.isDirectory()) {
      out.set(rel, 'dir');
      for (const [k, v] of snapshot(dir, rel)) out.set(k, v);
    } else out.set(rel, `file ${(stat.mode & 0o111) !== 0 ? 'x' : '-'} ${readFileSync(full).toString('base64')}`);
  }
  return out;
}

describe('a context over 4 MB, uploaded in chunks and unpacked by the local Ignite', () => {
  it('arrives identical to the source tree (what .dockerignore and the secret rules leave in)', async () => {
    const src = path.join(harness.workDir, 'big');
    mkdirSync(path.join(src, 'lib/nested/deep'), { recursive: true });
    mkdirSync(path.join(src, 'empty-dir'));
    mkdirSync(path.join(src, 'ignored'));
    writeFileSync(path.join(src, 'Dockerfile'), 'FROM scratch\nCOPY . /ctx/\nCMD ["true"]\n');
    writeFileSync(path.join(src, '.dockerignore'), 'ignored\n');
    writeFileSync(path.join(src, 'ignored/skip.txt'), 'not sent');
    writeFileSync(path.join(src, '.env'), 'SECRET=1\n');
    writeFileSync(path.join(src, 'blob.bin'), randomBytes(5 * 1024 * 1024));
    writeFileSync(path.join(src, 'lib/text.txt'), 'hello\n'.repeat(100_000));
    writeFileSync(path.join(src, 'lib/nested/deep/run.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(path.join(src, 'lib/nested/deep/run.sh'), 0o755);
    symlinkSync('nested/deep/run.sh', path.join(src, 'lib/run-link'));

    const uploaded = structured<{ context_id: string; packed_bytes: number; secret_files_left_out: string[] }>(
      await harness.call('upload_context', { path: src }),
    );
    expect(uploaded.packed_bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(uploaded.secret_files_left_out).toEqual(['.env']);
    const { build_id } = structured<{ build_id: string }>(
      await harness.call('create_build', { name: 'roundtrip', context_id: uploaded.context_id }),
    );
    const done = structured<{ build: { status: string; image_digest: string } }>(
      await harness.call('get_build', { build_id, wait_seconds: 40 }),
    );
    expect(done.build.status).toBe('SUCCEEDED');

    const image = harness.local.store.collection<ImageRecord>('images').get(done.build.image_digest);
    if (!image) throw new Error('the built image is not in the local registry');
    const expected = snapshot(src);
    for (const key of [...expected.keys()]) if (key === '.env' || key === 'ignored' || key.startsWith('ignored/')) expected.delete(key);
    expect(snapshot(path.join(image.rootfs_dir, 'ctx'))).toEqual(expected);
  });
});
