import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageRegistry } from '../../src/local/images.js';
import { unpackArchive } from '../../src/local/builder/unpack.js';
import { openExistingArchive, packWalkedContext, type ContextEntry, type WalkResult } from '../../src/packing/index.js';
import { startTestIgnite, waitForBuild, type TestIgnite } from '../helpers/local-ignite.js';
import { handMadeZip64 } from '../helpers/zip64.js';
import { collect, tempDir } from '../packing/helpers.js';

let t: TestIgnite;
beforeAll(async () => {
  t = await startTestIgnite();
});
afterAll(() => t.close());

const APP = {
  Dockerfile: 'FROM scratch\nCOPY . /ctx/\nCMD ["/ctx/bin/run.sh"]\n',
  'bin/run.sh': '#!/bin/sh\necho hi\n',
  'café.txt': 'é\n',
};

/** Where the ZIP64 end record starts, or -1; the classic end record's entry count. */
function endRecords(zip: Buffer): { zip64At: number; classicCount: number } {
  const classic = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return { zip64At: zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])), classicCount: zip.readUInt16LE(classic + 10) };
}

describe('ZIP64, read the same way by the packer and the local Ignite', () => {
  it("a ZIP64 archive passes the packer's check of an existing archive and builds on the local Ignite", async () => {
    const bytes = handMadeZip64(APP, { 'bin/run.sh': 0o100755 });
    const root = await tempDir();
    writeFileSync(path.join(root, 'ctx.zip'), bytes);
    const archive = await openExistingArchive(path.join(root, 'ctx.zip'), [root]);
    expect(archive).toMatchObject({ format: 'zip', entryCount: 3, sizeBytes: bytes.length });

    const { build_id } = await t.builds.create({ name: 'zip64', zipped_code: bytes });
    const done = await waitForBuild(t.builds, build_id);
    expect(done.error).toBe('');
    expect(done.status).toBe('BUILD_STATUS_SUCCEEDED');
    const rootfs = new ImageRegistry(t.ignite.store).get(done.image_digest)!.rootfs_dir;
    expect(readFileSync(path.join(rootfs, 'ctx/café.txt'), 'utf8')).toBe(APP['café.txt']);
    expect(statSync(path.join(rootfs, 'ctx/bin/run.sh')).mode & 0o777).toBe(0o755);
  });

  it('a context of 66,000 entries packs to a zip with a ZIP64 end record, which the packer validates and the builder counts in full', async () => {
    // Directories: a zip entry each, yet nothing to read from disk, so the walk can be written down.
    const root = await tempDir();
    const entries: ContextEntry[] = Array.from({ length: 66_000 }, (_, i) => ({
      path: `d${String(i).padStart(5, '0')}`,
      kind: 'directory',
      size: 0,
      executable: true,
    }));
    const walk: WalkResult = {
      root,
      entries,
      excluded: [],
      secretFilesSent: [],
      ignoreSource: 'default-skip-list',
      ignoreFile: null,
      dockerfile: { path: 'Dockerfile', found: false },
      fileCount: 0,
      totalBytes: 0,
    };
    const bytes = await collect(packWalkedContext(walk, { format: 'zip', threads: 0 }).stream);
    const { zip64At, classicCount } = endRecords(bytes);
    expect(classicCount).toBe(0xffff);
    expect(zip64At).toBeGreaterThan(0);
    expect(bytes.readBigUInt64LE(zip64At + 32)).toBe(66_000n);

    const file = path.join(root, 'many.zip');
    writeFileSync(file, bytes);
    expect((await openExistingArchive(file, [root])).entryCount).toBe(66_000);
    // One entry short of the limit: only a reader that took the count from the ZIP64 record can refuse.
    const limits = { maxBytes: 1024 ** 3, maxRatio: 200, maxEntries: 65_999 };
    await expect(unpackArchive(file, path.join(root, 'out'), limits, new AbortController().signal)).rejects.toThrow(
      /more than 65999 entries/,
    );
  });
});
