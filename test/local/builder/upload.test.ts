import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContextRecord } from '../../../src/local/builder/contexts.js';
import { startTestIgnite, waitForBuild, type TestIgnite } from '../../helpers/local-ignite.js';
import { tarGz, zip } from './archives.js';

let t: TestIgnite | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const APP = { Dockerfile: 'FROM scratch\nCOPY hello.txt /\n', 'hello.txt': 'hello\n' };
const meta = (fields: { name?: string; content_type?: string; expected_size_bytes?: number }) => ({
  metadata: { name: 'ctx', content_type: 'application/gzip', ...fields },
});
const chunks = (data: Buffer, size = 1000) =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) => ({ chunk: data.subarray(i * size, (i + 1) * size) }));

function contextState(ignite: TestIgnite['ignite']) {
  const records = ignite.store.collection<ContextRecord>('contexts').values();
  const files = readdirSync(path.dirname(ignite.store.filePath('contexts', 'probe')));
  return { records, files };
}

describe('UploadBuildContext', () => {
  it('streams a tar.gz in chunks, answers after half-close, and the context builds', async () => {
    t = await startTestIgnite();
    const archive = await tarGz(APP);
    const answer = await t.builds.upload([meta({ expected_size_bytes: archive.length }), ...chunks(archive, 100)]);
    expect(answer.context_id).toMatch(/^ctx_/);
    expect(answer.size_bytes).toBe(String(archive.length));
    const [record] = contextState(t.ignite).records;
    expect(record).toMatchObject({ name: 'ctx', organization_name: 'local', size_bytes: archive.length, format: 'gzip' });
    expect(record!.sha256).toBe(createHash('sha256').update(archive).digest('hex'));

    const created = await t.builds.create({ name: 'from-upload', context_id: answer.context_id });
    const build = await waitForBuild(t.builds, created.build_id);
    expect(build).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', source: `context:${answer.context_id}` });
  });

  it('accepts a zip, and sniffs the format when content_type is empty', async () => {
    t = await startTestIgnite();
    const zipped = await t.builds.upload([meta({ content_type: 'application/zip' }), { chunk: zip(APP) }]);
    const sniffed = await t.builds.upload([meta({ content_type: '' }), { chunk: zip(APP) }]);
    const records = contextState(t.ignite).records;
    expect(records.find((r) => r.context_id === sniffed.context_id)).toMatchObject({ format: 'zip', content_type: 'application/zip' });
    const build = await waitForBuild(t.builds, (await t.builds.create({ name: 'zipped', context_id: zipped.context_id })).build_id);
    expect(build.status).toBe('BUILD_STATUS_SUCCEEDED');
  });

  const invalid: [string, () => Promise<{ metadata?: unknown; chunk?: Buffer }[]>, RegExp][] = [
    ['first message not metadata', async () => [{ chunk: await tarGz(APP) }], /the first message must be metadata/],
    ['no message at all', async () => [], /the first message must be metadata/],
    ['missing name', async () => [meta({ name: '' }), { chunk: await tarGz(APP) }], /metadata\.name is required/],
    [
      'unknown content type',
      async () => [meta({ content_type: 'text/plain' }), { chunk: await tarGz(APP) }],
      /content_type "text\/plain" is not accepted/,
    ],
    [
      'fewer bytes than expected',
      async () => [meta({ expected_size_bytes: 99_999 }), { chunk: await tarGz(APP) }],
      /size mismatch: expected_size_bytes is 99999/,
    ],
    [
      'more bytes than expected',
      async () => [meta({ expected_size_bytes: 10 }), { chunk: await tarGz(APP) }],
      /more data arrived than expected_size_bytes \(10\)/,
    ],
    ['a second metadata message', async () => [meta({}), { chunk: await tarGz(APP) }, meta({})], /metadata may only be sent once/],
    [
      'bytes that are no archive',
      async () => [meta({ content_type: '' }), { chunk: Buffer.from('just some text') }],
      /neither a gzip \(tar\.gz\) nor a zip/,
    ],
    [
      'gzip declared, zip sent',
      async () => [meta({}), { chunk: zip(APP) }],
      /content_type says gzip \(tar\.gz\) but the data is a zip archive/,
    ],
    ['no data', async () => [meta({})], /the archive is empty/],
  ];
  it.each(invalid)('refuses %s with INVALID_ARGUMENT and keeps nothing', async (_, messages, message) => {
    t = await startTestIgnite();
    await expect(t.builds.upload((await messages()) as never)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(message),
    });
    expect(contextState(t.ignite)).toEqual({ records: [], files: [] });
  });

  it('refuses a context over the upload limit with RESOURCE_EXHAUSTED', async () => {
    t = await startTestIgnite({ limits: { uploadContextBytes: 2000 } });
    const big = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(5000)]);
    await expect(t.builds.upload([meta({}), ...chunks(big)])).rejects.toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED });
    await expect(t.builds.upload([meta({ expected_size_bytes: 5000 })])).rejects.toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED });
    expect(contextState(t.ignite)).toEqual({ records: [], files: [] });
  });

  it('leaves no record and no file when the client cancels mid-upload', async () => {
    t = await startTestIgnite();
    const call = t.client.UploadBuildContext(new grpc.Metadata(), () => {});
    call.on('error', () => {});
    call.write(meta({}));
    call.write({ chunk: Buffer.from([0x1f, 0x8b, 8, 0]) });
    call.write({ chunk: Buffer.alloc(64 * 1024) });
    const files = () => contextState(t!.ignite).files;
    await until(() => files().length === 1);
    call.cancel();
    await until(() => files().length === 0);
    expect(contextState(t.ignite)).toEqual({ records: [], files: [] });
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
