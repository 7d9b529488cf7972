import * as grpc from '@grpc/grpc-js';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { startLocalIgnite, type LocalIgnite, type LocalIgniteOptions } from '../../src/local/server.js';
import type { InvokeResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/InvokeResponse.js';

type Callback = (err: grpc.ServiceError | null, res: unknown) => void;
type UnaryMethod = (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: Callback) => void;

/** Promise wrappers over every unary method of a client, keyed by RPC name. */
export type UnaryCaller = <Res = Record<string, any>>(
  method: string,
  request: Record<string, unknown>,
  metadata?: grpc.Metadata,
) => Promise<Res>;

function unaryCaller(client: grpc.Client): UnaryCaller {
  return (method, request, metadata = new grpc.Metadata()) =>
    new Promise((resolve, reject) => {
      const fn = (client as unknown as Record<string, UnaryMethod>)[method];
      if (!fn) throw new Error(`no method ${method}`);
      fn.call(client, request, metadata, { deadline: Date.now() + 60_000 }, (err, res) => (err ? reject(err) : resolve(res as never)));
    });
}

export interface IgniteClients {
  ignite: LocalIgnite;
  compute: UnaryCaller;
  secrets: UnaryCaller;
  build: UnaryCaller;
  computeClient: grpc.Client;
  buildClient: grpc.Client;
  /** Invoke as a list of frames; rejects with the gRPC error when the call fails. */
  invoke(request: Record<string, unknown>, metadata?: grpc.Metadata): Promise<InvokeResponse__Output[]>;
  close(): Promise<void>;
}

/** A local Ignite on 127.0.0.1:0 with plaintext clients for its three services. */
export async function startIgniteWithClients(options: LocalIgniteOptions = {}): Promise<IgniteClients> {
  const ignite = await startLocalIgnite(options);
  const { v1 } = loadIgniteProtos();
  const credentials = grpc.credentials.createInsecure();
  const computeClient = new v1.ComputeService(ignite.endpoint, credentials);
  const secretClient = new v1.SecretService(ignite.endpoint, credentials);
  const buildClient = new v1.BuildService(ignite.endpoint, credentials);
  return {
    ignite,
    compute: unaryCaller(computeClient),
    secrets: unaryCaller(secretClient),
    build: unaryCaller(buildClient),
    computeClient,
    buildClient,
    invoke: (request, metadata = new grpc.Metadata()) =>
      new Promise((resolve, reject) => {
        const frames: InvokeResponse__Output[] = [];
        const stream = (
          computeClient as unknown as { Invoke(r: unknown, m: grpc.Metadata): grpc.ClientReadableStream<InvokeResponse__Output> }
        ).Invoke(request, metadata);
        stream.on('data', (frame: InvokeResponse__Output) => frames.push(frame));
        stream.on('error', reject);
        stream.on('end', () => resolve(frames));
      }),
    async close() {
      computeClient.close();
      secretClient.close();
      buildClient.close();
      await ignite.close();
    },
  };
}

/** Metadata naming the caller's organization, as the real gateway injects it. */
export function orgMetadata(organization: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('x-organization-name', organization);
  return metadata;
}
