import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { afterAll, describe, expect, it } from 'vitest';
import { findProtoRoot, PROTO_FILES, PROTO_LOADER_OPTIONS } from '../../src/contract/load.js';
import { compareWithLive } from '../../src/doctor/contract-check.js';
import { startLocalIgnite } from '../../src/local/server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const plaintext = { credentials: grpc.credentials.createInsecure(), metadata: new grpc.Metadata(), deadlineMs: 5000 };

/** A gRPC server whose reflection serves proto/ with `edit` applied to one file: a service that drifted from ours. */
async function reflectionOf(file: string, edit: (text: string) => string): Promise<string> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'altered-proto-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cpSync(findProtoRoot(), root, { recursive: true });
  const target = path.join(root, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after, 'the edit must change the proto').not.toBe(before);
  writeFileSync(target, after);
  const definition = protoLoader.loadSync([...PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [root] });
  const server = new grpc.Server();
  new ReflectionService(definition).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  cleanups.push(() => void server.forceShutdown());
  return `127.0.0.1:${port}`;
}

describe('the contract by reflection', () => {
  it('finds no difference against the local Ignite, which serves proto/', async () => {
    const local = await startLocalIgnite({});
    cleanups.push(() => local.close());
    const report = await compareWithLive({ endpoint: local.endpoint, ...plaintext });
    expect(report.liveServices.sort()).toEqual([
      'dodil.ignite.v1.BuildService',
      'dodil.ignite.v1.ComputeService',
      'dodil.ignite.v1.SecretService',
    ]);
    expect(report.differences).toEqual([]);
  });

  it('reports a renamed field, a changed field number and a missing RPC exactly', async () => {
    const endpoint = await reflectionOf('dodil/ignite/v1/ignite_compute.proto', (text) =>
      text
        .replace('string description = 29;', 'string summary = 29;')
        .replace('repeated uint32 ports = 40;', 'repeated uint32 ports = 47;')
        .replace(/\n\s*\/\/ Needs no auth.\n\s*rpc HealthCheck\(HealthCheckRequest\) returns \(HealthCheckResponse\);/, ''),
    );
    const { differences } = await compareWithLive({ endpoint, ...plaintext });
    const problems = differences
      .filter((d) => d.severity === 'problem')
      .map(({ kind, item, ours, theirs, designed }) => ({ kind, item, ours, theirs, designed }));
    expect(problems).toEqual([
      {
        kind: 'missing-rpc',
        item: 'dodil.ignite.v1.ComputeService.HealthCheck',
        ours: 'dodil.ignite.v1.HealthCheckRequest -> dodil.ignite.v1.HealthCheckResponse',
        theirs: null,
        designed: false,
      },
      {
        kind: 'renamed-field',
        item: 'dodil.ignite.v1.AppMeta.description',
        ours: 'description = 29',
        theirs: 'summary = 29',
        designed: false,
      },
      { kind: 'field-number', item: 'dodil.ignite.v1.AppMeta.ports', ours: '40', theirs: '47', designed: true },
    ]);
  });

  it('a changed field type is a difference too, and extras are information, not problems', async () => {
    const endpoint = await reflectionOf('dodil/ignite/v1/ignite_build.proto', (text) =>
      text.replace(
        /message GetBuildRequest \{\n  string build_id = 1;/,
        'message GetBuildRequest {\n  int64 build_id = 1;\n  string trace = 9;',
      ),
    );
    const { differences } = await compareWithLive({ endpoint, ...plaintext });
    expect(differences.map(({ kind, item, ours, theirs, severity }) => ({ kind, item, ours, theirs, severity }))).toEqual([
      { kind: 'field-type', item: 'dodil.ignite.v1.GetBuildRequest.build_id', ours: 'string', theirs: 'int64', severity: 'problem' },
      { kind: 'extra-field', item: 'dodil.ignite.v1.GetBuildRequest.trace', ours: null, theirs: 'string trace = 9', severity: 'info' },
    ]);
  });
});
