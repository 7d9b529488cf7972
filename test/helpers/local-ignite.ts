import * as grpc from '@grpc/grpc-js';
import type { Build__Output } from '../../src/contract/generated/dodil/ignite/v1/Build.js';
import type { BuildServiceClient } from '../../src/contract/generated/dodil/ignite/v1/BuildService.js';
import type { CancelBuildResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/CancelBuildResponse.js';
import type { CreateBuildRequest } from '../../src/contract/generated/dodil/ignite/v1/CreateBuildRequest.js';
import type { CreateBuildResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/CreateBuildResponse.js';
import type { ListBuildsRequest } from '../../src/contract/generated/dodil/ignite/v1/ListBuildsRequest.js';
import type { ListBuildsResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/ListBuildsResponse.js';
import type { SaveBuildSecretsRequest } from '../../src/contract/generated/dodil/ignite/v1/SaveBuildSecretsRequest.js';
import type { SaveBuildSecretsResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/SaveBuildSecretsResponse.js';
import type { StreamBuildLogsRequest } from '../../src/contract/generated/dodil/ignite/v1/StreamBuildLogsRequest.js';
import type { StreamBuildLogsResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/StreamBuildLogsResponse.js';
import type { UploadBuildContextRequest } from '../../src/contract/generated/dodil/ignite/v1/UploadBuildContextRequest.js';
import type { UploadBuildContextResponse__Output } from '../../src/contract/generated/dodil/ignite/v1/UploadBuildContextResponse.js';
import { isTerminalBuildStatus } from '../../src/contract/build-status.js';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { startLocalIgnite, type LocalIgnite, type LocalIgniteOptions } from '../../src/local/server.js';

/**
 * A local Ignite on 127.0.0.1:0 with a raw BuildService client and promise wrappers, for tests
 * only (the product's client is src/client/client.ts).
 */
export interface TestIgnite {
  ignite: LocalIgnite;
  client: BuildServiceClient;
  builds: ReturnType<typeof buildApi>;
  close(): Promise<void>;
}

export async function startTestIgnite(options: LocalIgniteOptions = {}): Promise<TestIgnite> {
  const ignite = await startLocalIgnite(options);
  const client = new (loadIgniteProtos().v1.BuildService)(ignite.endpoint, grpc.credentials.createInsecure());
  return {
    ignite,
    client,
    builds: buildApi(client),
    async close() {
      client.close();
      await ignite.close();
    },
  };
}

function callback<T>(resolve: (value: T) => void, reject: (err: grpc.ServiceError) => void): grpc.requestCallback<T> {
  return (err, value) => (err ? reject(err) : resolve(value!));
}

/** The unary RPCs as promises, plus the two streams in their simplest useful shape. */
export function buildApi(client: BuildServiceClient, metadata: grpc.Metadata = new grpc.Metadata()) {
  return {
    create: (request: CreateBuildRequest) =>
      new Promise<CreateBuildResponse__Output>((res, rej) => client.CreateBuild(request, metadata, callback(res, rej))),
    get: (buildId: string) =>
      new Promise<Build__Output>((res, rej) =>
        client.GetBuild(
          { build_id: buildId },
          metadata,
          callback((r) => res(r.build!), rej),
        ),
      ),
    list: (request: ListBuildsRequest) =>
      new Promise<ListBuildsResponse__Output>((res, rej) => client.ListBuilds(request, metadata, callback(res, rej))),
    cancel: (buildId: string) =>
      new Promise<CancelBuildResponse__Output>((res, rej) => client.CancelBuild({ build_id: buildId }, metadata, callback(res, rej))),
    saveSecrets: (request: SaveBuildSecretsRequest) =>
      new Promise<SaveBuildSecretsResponse__Output>((res, rej) => client.SaveBuildSecrets(request, metadata, callback(res, rej))),
    /** Sends the messages in order, then half-closes. */
    upload: (messages: UploadBuildContextRequest[]) =>
      new Promise<UploadBuildContextResponse__Output>((res, rej) => {
        const call = client.UploadBuildContext(metadata, callback(res, rej));
        for (const message of messages) call.write(message);
        call.end();
      }),
    /** Every frame of a log stream until the server ends it. */
    logs: (request: StreamBuildLogsRequest) =>
      new Promise<StreamBuildLogsResponse__Output[]>((res, rej) => {
        const frames: StreamBuildLogsResponse__Output[] = [];
        const stream = client.StreamBuildLogs(request, metadata);
        stream.on('data', (frame: StreamBuildLogsResponse__Output) => frames.push(frame));
        stream.on('error', rej);
        stream.on('end', () => res(frames));
      }),
  };
}

/** Polls GetBuild until the build has ended. */
export async function waitForBuild(api: ReturnType<typeof buildApi>, buildId: string, timeoutMs = 10_000): Promise<Build__Output> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const build = await api.get(buildId);
    if (isTerminalBuildStatus(build.status)) return build;
    if (Date.now() > deadline) throw new Error(`build ${buildId} still ${build.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** The text of the log lines among stream frames. */
export function logText(frames: StreamBuildLogsResponse__Output[]): string[] {
  return frames.flatMap((frame) => (frame.line ? [frame.line.text] : []));
}
