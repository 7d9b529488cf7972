import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { createIgniteClient, type IgniteClient, type IgniteClientOptions } from '../../src/client/client.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { describeError, formatFailure } from '../../src/shared/errors.js';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { UserError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/log.js';
import { cancelledPromise, startTestServer, type TestHandlers, type TestServer } from './test-server.js';

const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldA';

let server: TestServer | undefined;
let client: IgniteClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handlers: TestHandlers, options: Partial<IgniteClientOptions> = {}): Promise<IgniteClient> {
  server = await startTestServer(handlers);
  client = createIgniteClient({ endpoint: server.endpoint, token: TOKEN, insecure: false, deadlineMs: 5_000, ...options });
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<IgniteError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IgniteError);
  return err as IgniteError;
}

describe('createIgniteClient: unary calls', () => {
  it('has one method per RPC of the three services', () => {
    const { v1 } = loadIgniteProtos();
    const c = createIgniteClient({ endpoint: '127.0.0.1:1', insecure: false, deadlineMs: 1000 });
    for (const service of [v1.BuildService, v1.ComputeService, v1.SecretService]) {
      for (const rpc of Object.keys(service.service)) {
        const name = rpc[0]!.toLowerCase() + rpc.slice(1);
        expect(typeof (c as unknown as Record<string, unknown>)[name], name).toBe('function');
      }
    }
    c.close();
  });

  it('sends exactly the bearer token (plus configured extra metadata) and a deadline on every unary call', async () => {
    const seen: { metadata?: grpc.Metadata; deadline?: grpc.Deadline } = {};
    const c = await setup(
      {
        compute: {
          HealthCheck: (call, callback) => {
            seen.metadata = call.metadata;
            seen.deadline = call.getDeadline();
            callback(null, { status: 'SERVING', version: 't' });
          },
        },
      },
      { extraMetadata: { 'X-Trace': 'abc' } },
    );
    const before = Date.now();
    const response = await c.healthCheck({});
    expect(response).toEqual({ status: 'SERVING', version: 't' });
    expect(seen.metadata?.get('authorization')).toEqual([`Bearer ${TOKEN}`]);
    expect(seen.metadata?.get('x-trace')).toEqual(['abc']);
    expect(seen.metadata?.get('x-organization-name')).toEqual([]);
    const deadline = Number(seen.deadline instanceof Date ? seen.deadline.getTime() : seen.deadline);
    expect(deadline).toBeGreaterThan(before);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5_000);
  });

  it('sends no authorization header without a token', async () => {
    let auth: grpc.MetadataValue[] = ['unset'];
    await setup(
      { compute: { HealthCheck: (call, cb) => ((auth = call.metadata.get('authorization')), cb(null, {})) } },
      { token: undefined },
    );
    await client!.healthCheck({});
    expect(auth).toEqual([]);
  });

  it('maps an exceeded deadline to DEADLINE_EXCEEDED with a hint', async () => {
    const c = await setup({ build: { GetBuild: () => {} } }, { deadlineMs: 150 });
    const err = await rejection(c.getBuild({ build_id: 'b1' }));
    expect(err.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(err.retryable).toBe(true);
    expect(formatFailure(describeError(err))).toMatch(/^GetBuild failed: DEADLINE_EXCEEDED: .+\nWhat to do: .*IGNITE_MCP_DEADLINE_MS/);
    // A per-call deadline overrides the default.
    const quick = await rejection(c.getBuild({ build_id: 'b1' }, { deadlineMs: 50 }));
    expect(quick.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('cancels a unary call through an AbortSignal, on the server too', async () => {
    let cancelled: Promise<void> | undefined;
    const c = await setup({ build: { GetBuild: (call) => void (cancelled = cancelledPromise(call)) } });
    const controller = new AbortController();
    const pending = c.getBuild({ build_id: 'b1' }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const err = await rejection(pending);
    expect(err.code).toBe(grpc.status.CANCELLED);
    expect(err.codeName).toBe('CANCELLED');
    await expect(cancelled).resolves.toBeUndefined();
  });

  it('does not start a call whose signal is already aborted', async () => {
    let calls = 0;
    const c = await setup({ compute: { HealthCheck: (_call, cb) => (calls++, cb(null, {})) } });
    const err = await rejection(c.healthCheck({}, { signal: AbortSignal.abort() }));
    expect(err.code).toBe(grpc.status.CANCELLED);
    expect(calls).toBe(0);
  });

  it('scrubs the token from server details, the message, the hint, the cause and the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const c = await setup(
      {
        secret: {
          GetSecret: (_call, cb) =>
            cb({ code: grpc.status.UNAUTHENTICATED, details: `bad header authorization: Bearer ${TOKEN} (raw ${TOKEN})` }),
        },
      },
      { logger },
    );
    const err = await rejection(c.getSecret({ name: 's' }));
    expect(err.code).toBe(grpc.status.UNAUTHENTICATED);
    const cause = err.cause as grpc.ServiceError;
    const texts = [
      err.message,
      err.details,
      err.hint,
      formatFailure(describeError(err)),
      String(err.stack),
      cause.message,
      cause.details,
      String(cause.stack),
      ...lines,
    ];
    for (const text of texts) expect(text).not.toContain(TOKEN);
    expect(err.details).toMatch(/authorization: \[REDACTED:\w+\]/);
    expect(formatFailure(describeError(err))).toContain('DODIL_TOKEN');
    expect(lines.join('')).toContain('GetSecret failed');
  });

  it('reports a build-service outage as "build service unavailable"', async () => {
    const c = await setup({});
    const err = await rejection(c.createBuild({ name: 'x', zipped_code: Buffer.from('x') }));
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(err.title).toBe('build service unavailable');
    const other = await rejection(c.listApps({}));
    expect(other.title).toBe('not supported by this server');
  });

  it('maps an unreachable endpoint to UNAVAILABLE', async () => {
    const probe = await startTestServer({});
    const endpoint = probe.endpoint;
    await probe.close();
    client = createIgniteClient({ endpoint, insecure: false, deadlineMs: 5_000 });
    const err = await rejection(client.healthCheck({}));
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    expect(err.hint).toContain('IGNITE_API_ENDPOINT');
    // On a build call the network is still the first suspect; the outage is only mentioned.
    const build = await rejection(client.listBuilds({}));
    expect(build.code).toBe(grpc.status.UNAVAILABLE);
    expect(build.hint).toContain('IGNITE_API_ENDPOINT');
    expect(build.hint).toContain('build service itself may be down');
  });

  it('refuses a malformed token without quoting it', () => {
    const bad = 'secret-token with space';
    let thrown: unknown;
    try {
      createIgniteClient({ endpoint: '127.0.0.1:1', token: bad, insecure: false, deadlineMs: 1000 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect(String((thrown as Error).message)).not.toContain('secret-token');
  });

  it('uses TLS for a non-loopback endpoint without connecting', () => {
    const remote = createIgniteClient({ endpoint: 'example.invalid:443', insecure: false, deadlineMs: 1000 });
    expect(remote.transport).toBe('tls');
    remote.close();
    const forced = createIgniteClient({ endpoint: 'example.invalid:443', insecure: true, deadlineMs: 1000 });
    expect(forced.transport).toBe('plaintext');
    forced.close();
  });
});
