import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { createIgniteClient, type IgniteClient } from '../../src/client/client.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import type { StreamBuildLogsResponse } from '../../src/contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { UploadBuildContextRequest__Output } from '../../src/contract/generated/dodil/ignite/v1/UploadBuildContextRequest.js';
import { cancelledPromise, startTestServer, type TestHandlers, type TestServer } from './test-server.js';

let server: TestServer | undefined;
let client: IgniteClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handlers: TestHandlers): Promise<IgniteClient> {
  server = await startTestServer(handlers);
  client = createIgniteClient({ endpoint: server.endpoint, token: 'test-token-1234', insecure: false, deadlineMs: 5_000 });
  return client;
}

const line = (seq: number): StreamBuildLogsResponse => ({ line: { seq, timestamp_ms: Date.now(), stream: 'stdout', text: `line ${seq}` } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server streams', () => {
  it('iterates every frame in order and has no deadline by default', async () => {
    let deadline: grpc.Deadline | undefined;
    const c = await setup({
      build: {
        StreamBuildLogs: (call) => {
          deadline = call.getDeadline();
          for (let seq = 1; seq <= 200; seq++) call.write(line(seq));
          call.write({ status: { status: 'BUILD_STATUS_SUCCEEDED', terminal: true } });
          call.end();
        },
      },
    });
    const frames = [];
    for await (const frame of c.streamBuildLogs({ build_id: 'b1', from_start: true })) frames.push(frame);
    expect(frames).toHaveLength(201);
    expect(frames.slice(0, 200).map((f) => f.line?.seq)).toEqual(Array.from({ length: 200 }, (_, i) => String(i + 1)));
    expect(frames[200]?.status).toMatchObject({ status: 'BUILD_STATUS_SUCCEEDED', terminal: true });
    expect(deadline).toBe(Infinity);
  });

  it('cancels the call on the server when the consumer breaks out early', async () => {
    let cancelled: Promise<void> | undefined;
    const c = await setup({
      build: {
        StreamBuildLogs: (call) => {
          cancelled = cancelledPromise(call);
          let seq = 0;
          const timer = setInterval(() => call.write(line(++seq)), 5);
          call.on('cancelled', () => clearInterval(timer));
        },
      },
    });
    const seen: string[] = [];
    for await (const frame of c.streamBuildLogs({ build_id: 'b1' })) {
      seen.push(frame.line!.seq);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['1', '2', '3']);
    await expect(cancelled).resolves.toBeUndefined();
  });

  it('cancels through an AbortSignal and throws CANCELLED', async () => {
    let cancelled: Promise<void> | undefined;
    const c = await setup({
      compute: {
        Invoke: (call) => {
          cancelled = cancelledPromise(call);
          call.write({ head: { status_code: 200, execution_id: 'e1' } });
        },
      },
    });
    const controller = new AbortController();
    const frames: unknown[] = [];
    const consume = (async () => {
      for await (const frame of c.invoke({ app_name: 'a' }, { signal: controller.signal })) {
        frames.push(frame);
        controller.abort();
      }
    })();
    const err = await consume.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IgniteError);
    expect((err as IgniteError).code).toBe(grpc.status.CANCELLED);
    expect(frames).toHaveLength(1);
    await expect(cancelled).resolves.toBeUndefined();
  });

  it('delivers the frames sent before a server error, then throws the mapped error', async () => {
    const c = await setup({
      build: {
        StreamBuildLogs: (call) => {
          call.write(line(1));
          call.write(line(2));
          call.emit('error', { code: grpc.status.NOT_FOUND, details: 'build b9 not found' });
        },
      },
    });
    const seqs: string[] = [];
    let failure: unknown;
    try {
      for await (const frame of c.streamBuildLogs({ build_id: 'b9' })) seqs.push(frame.line!.seq);
    } catch (err) {
      failure = err;
    }
    expect(seqs).toEqual(['1', '2']);
    expect(failure).toBeInstanceOf(IgniteError);
    expect((failure as IgniteError).message).toBe('StreamBuildLogs failed: NOT_FOUND: build b9 not found');
  });

  it('applies a deadline to a stream only when asked', async () => {
    const c = await setup({ build: { StreamBuildLogs: (call) => void call.write(line(1)) } });
    const iterate = async () => {
      for await (const _frame of c.streamBuildLogs({ build_id: 'b1' }, { deadlineMs: 150 }));
    };
    const err = await iterate().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as IgniteError).code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });
});

describe('uploadBuildContext', () => {
  it('sends metadata first, then 40 MiB of chunks in order, respecting backpressure', async () => {
    const CHUNK = 512 * 1024;
    const data = randomBytes(40 * 1024 * 1024);
    let pulled = 0;
    let pulledWhileServerPaused = -1;
    const received: UploadBuildContextRequest__Output[] = [];
    const c = await setup({
      build: {
        UploadBuildContext: (call, callback) => {
          // Stop reading for a while: a client that ignored backpressure would pull the whole source meanwhile.
          call.pause();
          setTimeout(() => {
            pulledWhileServerPaused = pulled;
            call.resume();
          }, 400);
          call.on('data', (message: UploadBuildContextRequest__Output) => received.push(message));
          call.on('end', () => callback(null, { context_id: 'ctx-1', size_bytes: String(data.length) }));
        },
      },
    });
    async function* chunks() {
      for (let offset = 0; offset < data.length; offset += CHUNK) {
        pulled++;
        yield data.subarray(offset, offset + CHUNK);
      }
    }
    const response = await c.uploadBuildContext(
      { name: 'ctx', content_type: 'application/gzip', expected_size_bytes: data.length },
      chunks(),
    );

    expect(response).toEqual({ context_id: 'ctx-1', size_bytes: String(data.length) });
    expect(received[0]?.payload).toBe('metadata');
    expect(received[0]?.metadata).toEqual({ name: 'ctx', content_type: 'application/gzip', expected_size_bytes: String(data.length) });
    const rest = received.slice(1);
    expect(rest.every((m) => m.payload === 'chunk')).toBe(true);
    expect(rest).toHaveLength(80);
    const joined = Buffer.concat(rest.map((m) => m.chunk!));
    expect(createHash('sha256').update(joined).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(pulledWhileServerPaused).toBeGreaterThan(0);
    expect(pulledWhileServerPaused).toBeLessThan(80);
  });

  it('splits oversized chunks and skips empty ones', async () => {
    const sizes: number[] = [];
    const c = await setup({
      build: {
        UploadBuildContext: (call, callback) => {
          call.on('data', (m: UploadBuildContextRequest__Output) => m.chunk && sizes.push(m.chunk.length));
          call.on('end', () => callback(null, { context_id: 'c', size_bytes: '0' }));
        },
      },
    });
    await c.uploadBuildContext({ name: 'x' }, [new Uint8Array(0), new Uint8Array(3 * 1024 * 1024 + 10)]);
    expect(sizes).toEqual([524288, 524288, 524288, 524288, 524288, 524288, 10]);
  });

  it('maps a server rejection and cancels on a failing source with its own error', async () => {
    let cancelled: Promise<void> | undefined;
    const c = await setup({
      build: {
        UploadBuildContext: (call, callback) => {
          cancelled = cancelledPromise(call);
          call.on('data', (m: UploadBuildContextRequest__Output) => {
            if (m.payload === 'chunk' && m.chunk?.toString() === 'reject')
              callback({ code: grpc.status.INVALID_ARGUMENT, details: 'bad archive' });
          });
        },
      },
    });
    const rejected = await c.uploadBuildContext({ name: 'x' }, [Buffer.from('reject')]).catch((e: unknown) => e);
    expect((rejected as IgniteError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((rejected as IgniteError).message).toBe('UploadBuildContext failed: INVALID_ARGUMENT: bad archive');

    const sourceFailure = new Error('disk read failed');
    async function* broken() {
      yield Buffer.from('ok');
      await sleep(20);
      throw sourceFailure;
    }
    await expect(c.uploadBuildContext({ name: 'x' }, broken())).rejects.toBe(sourceFailure);
    await expect(cancelled).resolves.toBeUndefined();
  });

  it('cancels an upload through an AbortSignal', async () => {
    const c = await setup({ build: { UploadBuildContext: () => {} } });
    const controller = new AbortController();
    async function* slow() {
      for (;;) {
        yield Buffer.alloc(1024);
        await sleep(10);
      }
    }
    setTimeout(() => controller.abort(), 100);
    const err = await c.uploadBuildContext({ name: 'x' }, slow(), { signal: controller.signal }).catch((e: unknown) => e);
    expect((err as IgniteError).code).toBe(grpc.status.CANCELLED);
  });
});
