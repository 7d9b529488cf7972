/**
 * Issue 10, bounds: an existing archive that is a decompression bomb (2 MB of gzip holding 2 GiB of
 * zeros took the server to 1.2 GB and stalled other calls), and app env too large to start (spawn E2BIG
 * on every start, reported as an INTERNAL "outcome is unknown").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIgniteWithClients } from '../helpers/compute-client.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

/** A tar.gz of one 2 GiB file of zeros: a tar header, then 32 gzip members of 64 MiB of zeros each (about 2 MB in all). */
function zeroBomb(): Buffer {
  const header = Buffer.alloc(512);
  header.write('zeros.bin', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${(2 * 1024 ** 3).toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\x0000', 257);
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const zeros = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return Buffer.concat([gzipSync(header), ...Array.from({ length: 32 }, () => zeros), gzipSync(Buffer.alloc(1024))]);
}

describe('an existing tar.gz that is a decompression bomb', () => {
  it('is refused in bounded memory while other calls are answered', async () => {
    const file = path.join(harness.workDir, 'bomb.tar.gz');
    const bomb = zeroBomb();
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    writeFileSync(file, bomb);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let validating = true;
    let answeredMeanwhile = 0;
    const validation = harness.call('upload_context', { path: file, dry_run: true }).finally(() => (validating = false));
    while (validating) {
      const listed = await harness.call('list_builds', {});
      expect(listed.isError).toBeFalsy();
      if (validating) answeredMeanwhile += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    clearInterval(sampler);
    const result = await validation;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/expands more than 200x its size/);
    expect(answeredMeanwhile).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(400 * 1024 * 1024);
  });
});

describe('app env too large to start a process with', () => {
  it('configure_app refuses 200 values of 32 KB with a clear error instead of an unknown outcome', async () => {
    const env = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`VALUE_${i}`, 'x'.repeat(32_000)]));
    const result = await harness.call('configure_app', { app_name: 'big-env', env });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/env .*too large/);
    expect(textOf(result)).not.toMatch(/outcome is unknown/i);
  });

  it('the local Ignite refuses a merged env over the bound, and one value over 128 KiB, with INVALID_ARGUMENT', async () => {
    const env = await startIgniteWithClients();
    try {
      await env.compute('CreateApp', { name: 'grow' });
      const chunk = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`A_${i}`, 'x'.repeat(30_000)]));
      await env.compute('UpdateAppConfig', { app_name: 'grow', env: { set: chunk } });
      const more = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`B_${i}`, 'x'.repeat(30_000)]));
      await expect(env.compute('UpdateAppConfig', { app_name: 'grow', env: { set: more } })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringMatching(/env is too large/),
      });
      await expect(env.compute('CreateApp', { name: 'huge', env: { ONE: 'x'.repeat(140 * 1024) } })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringMatching(/ONE is .* bytes/),
      });
    } finally {
      await env.close();
    }
  });
});
