import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INLINE_CONTEXT_LIMIT_BYTES, inlineIfSmall, packContext, UPLOAD_CHUNK_BYTES, uploadChunks } from '../../src/packing/index.js';
import { collect, readTree, tempDir, untarGz, withoutHeaders, writeTree } from './helpers.js';

async function* from(pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* pieces;
}

describe('uploadChunks', () => {
  it('uses the documented sizes', () => {
    expect(UPLOAD_CHUNK_BYTES).toBe(512 * 1024);
    expect(INLINE_CONTEXT_LIMIT_BYTES).toBe(4 * 1024 * 1024);
  });

  it('re-cuts any stream into full chunks and one shorter tail, losing nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 })), fc.integer({ min: 1, max: 257 }), async (pieces, size) => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of uploadChunks(from(pieces), size)) chunks.push(chunk);
        expect(Buffer.concat(chunks).equals(Buffer.concat(pieces))).toBe(true);
        chunks.slice(0, -1).forEach((chunk) => expect(chunk.length).toBe(size));
        expect(chunks.every((chunk) => chunk.length > 0)).toBe(true);
      }),
    );
  });
});

describe('inlineIfSmall', () => {
  it('keeps an archive under the limit in memory', async () => {
    const decision = await inlineIfSmall(from([new Uint8Array(10), new Uint8Array(5)]), 16);
    expect(decision.kind).toBe('inline');
    if (decision.kind === 'inline') expect(decision.bytes.length).toBe(15);
  });

  it('stops reading as soon as the limit is reached, then replays everything for upload', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        pulled += 1;
        yield new Uint8Array(8).fill(i);
      }
    }
    const decision = await inlineIfSmall(source(), 16);
    expect(decision.kind).toBe('too-big-for-inline');
    expect(pulled).toBe(2);
    if (decision.kind !== 'too-big-for-inline') return;
    expect(decision.bytesSeen).toBe(16);
    const all = await collect(decision.stream);
    expect(all.length).toBe(800);
    expect(all[799]).toBe(99);
  });
});

describe('a context larger than the inline limit', () => {
  async function randomContext(megabytes: number): Promise<string> {
    const root = await tempDir();
    const spec: Record<string, Uint8Array | string> = { Dockerfile: 'FROM scratch\nCOPY . /\n' };
    for (let i = 0; i < megabytes / 2; i++) spec[`data/part-${i}.bin`] = randomBytes(2 * 1024 * 1024);
    spec['notes.txt'] = 'some compressible text\n'.repeat(10_000);
    return writeTree(root, spec);
  }

  /** Bytes this process has read from files and pipes so far (Linux `/proc/self/io`). */
  function bytesReadByProcess(): number {
    const line = readFileSync('/proc/self/io', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('rchar:'));
    return Number(line?.split(':')[1]);
  }

  /**
   * Reads the archive slowly and tracks how far the packer's disk reads run ahead of what was consumed.
   * Random data does not compress, so a packer that buffered its output would show a read-ahead close to
   * the whole context; a streaming one stays at its read-ahead window and the segments in flight.
   */
  async function maxReadAhead(root: string): Promise<{ readAhead: number; chunks: number[] }> {
    const packed = await packContext({ folder: root, allowedRoots: [root] });
    const start = bytesReadByProcess();
    let consumed = 0;
    let readAhead = 0;
    const chunks: number[] = [];
    for await (const chunk of uploadChunks(packed.stream)) {
      chunks.push(chunk.length);
      consumed += chunk.length;
      readAhead = Math.max(readAhead, bytesReadByProcess() - start - consumed);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await packed.result;
    return { readAhead, chunks };
  }

  it('goes out in 512 KiB chunks and unpacks identical to the source', async () => {
    const root = await randomContext(6);
    const packed = await packContext({ folder: root, allowedRoots: [root] });
    const decision = await inlineIfSmall(packed.stream);
    expect(decision.kind).toBe('too-big-for-inline');
    if (decision.kind !== 'too-big-for-inline') return;
    const chunks: Uint8Array[] = [];
    for await (const chunk of uploadChunks(decision.stream)) chunks.push(chunk);
    const archive = Buffer.concat(chunks);
    const result = await packed.result;
    expect(result.packedBytes).toBe(archive.length);
    expect(archive.length).toBeGreaterThan(INLINE_CONTEXT_LIMIT_BYTES);
    expect(chunks.slice(0, -1).every((c) => c.length === UPLOAD_CHUNK_BYTES)).toBe(true);
    expect(withoutHeaders(await untarGz(archive))).toEqual(await readTree(root));
  });

  it.runIf(existsSync('/proc/self/io'))('streams with a read-ahead that does not grow with the context', async () => {
    const small = await maxReadAhead(await randomContext(16));
    const large = await maxReadAhead(await randomContext(64));
    expect(large.chunks.length).toBeGreaterThan(3 * small.chunks.length);
    expect(large.readAhead).toBeLessThan(16 * 1024 * 1024);
    expect(large.readAhead).toBeLessThan(small.readAhead + 4 * 1024 * 1024);
  });
});
