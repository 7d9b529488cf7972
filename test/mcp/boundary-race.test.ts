/**
 * Issue 10: the race between the walk and the read. O_NOFOLLOW guards only the last name of a path, so
 * a folder swapped for a symlink to an outside folder after the walk and before its files are read made
 * the archive hold the outside file. The swap is made at the moment of packing: when the first upload
 * progress arrives, the packer is still reading the large file that sorts first, and the swapped folder's
 * file has not been opened yet (small files are read ahead of a large one, so a second large file sits
 * between them).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let outside: string;
beforeAll(async () => {
  harness = await startHarness();
  outside = mkdtempSync(path.join(os.tmpdir(), 'race-outside-'));
  writeFileSync(path.join(outside, 'note.txt'), 'outside-file-content\n');
});
afterAll(async () => {
  await harness.close();
  rmSync(outside, { recursive: true, force: true });
});

describe('a folder swapped for a link to outside while the context is packed', () => {
  it('is refused with a clear error, and nothing from outside is uploaded', async () => {
    const dir = path.join(harness.workDir, 'race');
    mkdirSync(path.join(dir, 'z'), { recursive: true });
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY . /ctx/\n');
    // Random, so it cannot compress: the upload is well under way long before this file is read to its end.
    writeFileSync(path.join(dir, 'a-big.bin'), randomBytes(24 * 1024 * 1024));
    writeFileSync(path.join(dir, 'b-big.bin'), randomBytes(2 * 1024 * 1024));
    writeFileSync(path.join(dir, 'z', 'note.txt'), 'inside-file-content\n');
    let swapped = false;
    const result = (await harness.client.callTool({ name: 'upload_context', arguments: { path: dir } }, CallToolResultSchema, {
      onprogress: () => {
        if (swapped) return;
        swapped = true;
        renameSync(path.join(dir, 'z'), path.join(dir, 'z-walked'));
        symlinkSync(outside, path.join(dir, 'z'));
      },
      timeout: 120_000,
    })) as CallToolResult;
    expect(swapped).toBe(true);
    expect(result.isError, textOf(result)).toBe(true);
    // The device and inode check sees it first; the real-path check (/proc/self/fd) is the second line.
    expect(textOf(result)).toMatch(/z\/note\.txt (was replaced by another file|was reached through a link that leads elsewhere)/);
    expect(textOf(result)).not.toContain(outside);
  });
});
