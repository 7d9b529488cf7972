/**
 * Only the owner reaches the local Ignite: its socket and files are the user's alone, and every
 * call, server reflection included, needs the token of the running one. Checked from this test
 * process, as any other local process would connect.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIgniteClient } from '../../src/client/client.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { cleanUp, recordOf, requireBuild, startForegroundLocal, startServer, stopLocalIgnite, tempDir } from '../helpers/daemon.js';

let work: string;
let dataDir: string;
beforeAll(() => {
  requireBuild();
  work = tempDir('ignite-e2e-access-');
  dataDir = path.join(work, 'data');
});
afterAll(() => cleanUp(dataDir, work));

/** A reflection ListServices call with raw bytes (field 7, list_services: ""), so no reflection client is needed. */
function listServices(endpoint: string, metadata: grpc.Metadata): Promise<{ code: number; messages: number }> {
  const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    let messages = 0;
    const call = client.makeBidiStreamRequest(
      '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
      (value: Buffer) => value,
      (value: Buffer) => value,
      metadata,
    );
    call.on('data', () => {
      messages++;
      call.end();
    });
    call.on('error', (err: grpc.ServiceError) => {
      client.close();
      resolve({ code: err.code, messages });
    });
    call.on('status', (status: grpc.StatusObject) => {
      client.close();
      resolve({ code: status.code, messages });
    });
    call.write(Buffer.from([0x3a, 0x00]));
  });
}

const bearer = (token: string) => {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

async function statusOf(endpoint: string, token: string | undefined): Promise<string> {
  const client = createIgniteClient({ endpoint, token, insecure: true, deadlineMs: 5000, retry: { maxAttempts: 1 } });
  try {
    await client.listBuilds({});
    return 'OK';
  } catch (err) {
    return err instanceof IgniteError ? err.codeName : String(err);
  } finally {
    client.close();
  }
}

describe('who can reach the local Ignite', () => {
  it('listens on a 0600 socket in a 0700 folder, and answers only calls with its token', { timeout: 60_000 }, async () => {
    const server = await startServer({ dataDir });
    await server.call('list_builds', {});
    const record = recordOf(dataDir)!;
    expect(record.endpoint).toBe(`unix:${path.join(dataDir, 'local-ignite.sock')}`);
    const token = readFileSync(path.join(dataDir, 'local-ignite.token'), 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const mode = (file: string) => statSync(path.join(dataDir, file)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    for (const file of ['local-ignite.sock', 'local-ignite.token', 'local-ignite.json', 'local-ignite.lock', 'local-ignite.log'])
      expect(mode(file), file).toBe(0o600);
    expect(mode('clients')).toBe(0o700);
    for (const lease of readdirSync(path.join(dataDir, 'clients'))) expect(mode(`clients/${lease}`)).toBe(0o600);

    expect(await statusOf(record.endpoint, token)).toBe('OK');
    expect(await statusOf(record.endpoint, undefined)).toBe('UNAUTHENTICATED');
    expect(await statusOf(record.endpoint, 'not-the-token')).toBe('UNAUTHENTICATED');
    expect(await statusOf(record.endpoint, token.slice(0, 20))).toBe('UNAUTHENTICATED');
    expect(await statusOf(record.endpoint, `${token}x`)).toBe('UNAUTHENTICATED');

    expect(await listServices(record.endpoint, bearer(token))).toEqual({ code: grpc.status.OK, messages: 1 });
    expect(await listServices(record.endpoint, new grpc.Metadata())).toMatchObject({ code: grpc.status.UNAUTHENTICATED, messages: 0 });
    expect(await listServices(record.endpoint, bearer(token.slice(0, 42)))).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      messages: 0,
    });
    await server.close();
    await stopLocalIgnite(dataDir);
  });

  it('on TCP (--port) still needs the token, and says how to call it', { timeout: 30_000 }, async () => {
    const tcpDir = path.join(work, 'tcp');
    const local = await startForegroundLocal(['--data-dir', tcpDir, '--port', '0']);
    try {
      const record = recordOf(tcpDir)!;
      expect(record.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      const token = readFileSync(path.join(tcpDir, 'local-ignite.token'), 'utf8').trim();
      expect(local.stderr()).toContain(
        `try: grpcurl -plaintext -H "authorization: Bearer $(cat ${path.join(tcpDir, 'local-ignite.token')})" ${record.endpoint} list`,
      );
      expect(await statusOf(record.endpoint, undefined)).toBe('UNAUTHENTICATED');
      expect(await statusOf(record.endpoint, token)).toBe('OK');
      expect(await listServices(record.endpoint, new grpc.Metadata())).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    } finally {
      local.child.kill('SIGTERM');
      await new Promise((resolve) => local.child.once('exit', resolve));
    }
  });
});
