import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIgniteClient, type IgniteClient, type RetryPolicy } from '../../src/client/client.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { METHOD_RETRY } from '../../src/contract/methods.js';
import { createLogger } from '../../src/shared/log.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

const CANARY = 'canary-token-5f3a9c1e';
let local: LocalIgnite;
const logs: string[] = [];
const clients: IgniteClient[] = [];

function client(deadlineMs = 5_000, retry?: Partial<RetryPolicy>): IgniteClient {
  const logger = createLogger({ level: 'debug', write: (line) => void logs.push(line), secrets: () => [CANARY] });
  const c = createIgniteClient({
    endpoint: local.endpoint,
    insecure: true,
    token: CANARY,
    deadlineMs,
    logger,
    ...(retry ? { retry } : {}),
  });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<IgniteError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IgniteError);
  return err as IgniteError;
}

beforeAll(async () => {
  local = await startLocalIgnite();
});
beforeEach(() => {
  local.faults.clear();
  logs.length = 0;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await local.close();
});

describe('reads are retried on passing faults', () => {
  it('a GetBuild failing twice with UNAVAILABLE succeeds on the third attempt, and each retry is logged without the token', async () => {
    const c = client();
    const { build_id } = await c.createBuild({ name: 'retried', zipped_code: await packDirectory(EXAMPLE_APP) });
    local.faults.failNext('GetBuild', 2, grpc.status.UNAVAILABLE, `upstream reset (token ${CANARY})`);
    const { build } = await c.getBuild({ build_id });
    expect(build?.build_id).toBe(build_id);
    expect(local.faults.calls('GetBuild')).toBe(3);
    const retries = logs.filter((line) => line.includes('BuildService/GetBuild UNAVAILABLE; retry'));
    expect(retries).toHaveLength(2);
    expect(logs.join('')).not.toContain(CANARY);
  });

  it('retries DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED too, on every read in the table', async () => {
    const c = client();
    local.faults.failNext('ListBuilds', 1, grpc.status.DEADLINE_EXCEEDED);
    local.faults.failNext('ListApps', 1, grpc.status.RESOURCE_EXHAUSTED);
    local.faults.failNext('ListSecrets', 1, grpc.status.UNAVAILABLE);
    local.faults.failNext('HealthCheck', 1, grpc.status.UNAVAILABLE);
    await c.listBuilds({});
    await c.listApps({});
    await c.listSecrets({});
    await c.healthCheck({});
    for (const method of ['ListBuilds', 'ListApps', 'ListSecrets', 'HealthCheck']) expect(local.faults.calls(method)).toBe(2);
    const reads = Object.entries(METHOD_RETRY)
      .filter(([, kind]) => kind === 'retry')
      .map(([method]) => method);
    expect(reads.sort()).toEqual([
      'GetApp',
      'GetAppLogs',
      'GetAppState',
      'GetAppVersion',
      'GetBuild',
      'GetDraftInfo',
      'GetSecret',
      'HealthCheck',
      'ListAppVersions',
      'ListApps',
      'ListBuilds',
      'ListSecrets',
    ]);
  });

  it('does not retry a read on a failure that repeating cannot fix', async () => {
    const c = client();
    local.faults.failNext('GetBuild', 1, grpc.status.INTERNAL);
    expect((await failure(c.getBuild({ build_id: 'b' }))).codeName).toBe('INTERNAL');
    expect((await failure(c.getBuild({ build_id: 'no-such-build' }))).codeName).toBe('NOT_FOUND');
    expect(local.faults.calls('GetBuild')).toBe(2);
  });

  it('gives up after maxAttempts and says so', async () => {
    const c = client(5_000, { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 });
    local.faults.add({ method: 'GetDraftInfo', fault: 'fail', code: grpc.status.UNAVAILABLE });
    const err = await failure(c.getDraftInfo({ app_name: 'a' }));
    expect(err.codeName).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/gave up after 3 attempts/);
    expect(local.faults.calls('GetDraftInfo')).toBe(3);
  });

  it('stops retrying when the call deadline (its budget) is spent, however many attempts are allowed', async () => {
    const c = client(5_000, { maxAttempts: 1_000, baseDelayMs: 40, maxDelayMs: 80 });
    local.faults.add({ method: 'GetApp', fault: 'fail', code: grpc.status.UNAVAILABLE });
    const started = Date.now();
    const err = await failure(c.getApp({ app_name: 'a' }, { deadlineMs: 400 }));
    const elapsed = Date.now() - started;
    // The last attempt may be cut short by what is left of the budget on a loaded machine.
    expect(['UNAVAILABLE', 'DEADLINE_EXCEEDED']).toContain(err.codeName);
    expect(elapsed).toBeLessThan(400 + 300);
    expect(local.faults.calls('GetApp')).toBeGreaterThanOrEqual(2);
    expect(local.faults.calls('GetApp')).toBeLessThan(50);
  });

  it('latency over the deadline ends in DEADLINE_EXCEEDED within the deadline, attempts included', async () => {
    const c = client(600);
    local.faults.delay('GetBuild', 5_000);
    const started = Date.now();
    const err = await failure(c.getBuild({ build_id: 'b' }));
    expect(err.codeName).toBe('DEADLINE_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(600 + 700);
    // Half the budget per attempt leaves room for a second one after a hung first.
    expect(local.faults.calls('GetBuild')).toBe(2);
  });

  it('a hung (dropped) read is bounded the same way, and an abort during backoff ends it at once', async () => {
    const c = client(300);
    local.faults.drop('ListAppVersions');
    const started = Date.now();
    expect((await failure(c.listAppVersions({ app_name: 'a' }))).codeName).toBe('DEADLINE_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(300 + 700);

    const slow = client(10_000, { baseDelayMs: 5_000, maxDelayMs: 5_000 });
    local.faults.add({ method: 'GetSecret', fault: 'fail', code: grpc.status.UNAVAILABLE });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const abortedAt = Date.now();
    expect((await failure(slow.getSecret({ name: 's' }, { signal: controller.signal }))).codeName).toBe('CANCELLED');
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
  });
});
