/**
 * The typed Ignite API the tools use: one promise (or async iterable) per RPC of BuildService,
 * ComputeService and SecretService, over one channel. Every failure is an IgniteError.
 */
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../shared/log.js';
import { silentLogger } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import type { BuildServiceDefinition as BuildDef } from '../contract/generated/dodil/ignite/v1/BuildService.js';
import type { ComputeServiceDefinition as ComputeDef } from '../contract/generated/dodil/ignite/v1/ComputeService.js';
import type { SecretServiceDefinition as SecretDef } from '../contract/generated/dodil/ignite/v1/SecretService.js';
import type { UploadBuildContextMetadata } from '../contract/generated/dodil/ignite/v1/UploadBuildContextMetadata.js';
import type { UploadBuildContextRequest } from '../contract/generated/dodil/ignite/v1/UploadBuildContextRequest.js';
import type { UploadBuildContextResponse__Output } from '../contract/generated/dodil/ignite/v1/UploadBuildContextResponse.js';
import { loadIgniteProtos } from '../contract/load.js';
import { chooseChannelCredentials, DEFAULT_CHANNEL_OPTIONS, type Transport } from './credentials.js';
import { isUsableDeadline, type CallOptions, type RpcChannel } from './rpc-channel.js';
import { unaryCall, type UnaryCall } from './unary.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { clientStreamCall, serverStreamCall, type ServerStreamCall } from './streams.js';

export type { CallOptions } from './rpc-channel.js';
export type { RetryPolicy } from './retry.js';

export interface IgniteClientOptions {
  /** gRPC target, e.g. `rpc.dodil.io:443` or `127.0.0.1:50051`. */
  endpoint: string;
  token?: string;
  /** Plaintext even for a non-loopback endpoint (IGNITE_DEBUG / --insecure). */
  insecure: boolean;
  /** Default deadline of every unary call; a non-positive value falls back to 30 s, never to "none". */
  deadlineMs: number;
  /** Sent on every call; Ignite needs none by default (the org comes from the token). */
  extraMetadata?: Record<string, string>;
  logger?: Logger;
  /** Merged over DEFAULT_CHANNEL_OPTIONS. */
  channelOptions?: grpc.ChannelOptions;
  /** Merged over DEFAULT_RETRY_POLICY; applies only to the reads retry.ts lists as safe to repeat. */
  retry?: Partial<RetryPolicy>;
}

export interface IgniteClient {
  readonly endpoint: string;
  readonly transport: Transport;

  createBuild: UnaryCall<BuildDef['CreateBuild']>;
  getBuild: UnaryCall<BuildDef['GetBuild']>;
  listBuilds: UnaryCall<BuildDef['ListBuilds']>;
  cancelBuild: UnaryCall<BuildDef['CancelBuild']>;
  saveBuildSecrets: UnaryCall<BuildDef['SaveBuildSecrets']>;
  /**
   * Replays and follows a build's log; breaking out of the loop cancels the call. Never retried
   * here: a retry would replay lines already delivered, so callers resume after the last seq.
   */
  streamBuildLogs: ServerStreamCall<BuildDef['StreamBuildLogs']>;
  /**
   * Sends `metadata` first, then each chunk in order, waiting whenever the transport is full.
   * Chunks over 1 MiB are split (the server's message limit may be gRPC's default 4 MiB); chunks
   * must not be reused by the producer after being yielded.
   */
  uploadBuildContext(
    metadata: UploadBuildContextMetadata,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options?: CallOptions,
  ): Promise<UploadBuildContextResponse__Output>;

  createApp: UnaryCall<ComputeDef['CreateApp']>;
  getApp: UnaryCall<ComputeDef['GetApp']>;
  listApps: UnaryCall<ComputeDef['ListApps']>;
  updateAppConfig: UnaryCall<ComputeDef['UpdateAppConfig']>;
  saveDraft: UnaryCall<ComputeDef['SaveDraft']>;
  getDraftInfo: UnaryCall<ComputeDef['GetDraftInfo']>;
  testDraft: UnaryCall<ComputeDef['TestDraft']>;
  publishDraft: UnaryCall<ComputeDef['PublishDraft']>;
  listAppVersions: UnaryCall<ComputeDef['ListAppVersions']>;
  getAppVersion: UnaryCall<ComputeDef['GetAppVersion']>;
  rollbackApp: UnaryCall<ComputeDef['RollbackApp']>;
  getAppState: UnaryCall<ComputeDef['GetAppState']>;
  deleteApp: UnaryCall<ComputeDef['DeleteApp']>;
  /** Head frame, body chunks, trailer; the app's HTTP status is in the head, not a gRPC error. */
  invoke: ServerStreamCall<ComputeDef['Invoke']>;
  healthCheck: UnaryCall<ComputeDef['HealthCheck']>;
  /** A page of an app's log lines (the newest, or forward after a seq), filtered by version, draft or execution. */
  getAppLogs: UnaryCall<ComputeDef['GetAppLogs']>;
  /** Follows an app's log live; never retried here: callers resume after the last seq (logs/follow-log.ts). */
  streamAppLogs: ServerStreamCall<ComputeDef['StreamAppLogs']>;

  createSecret: UnaryCall<SecretDef['CreateSecret']>;
  getSecret: UnaryCall<SecretDef['GetSecret']>;
  listSecrets: UnaryCall<SecretDef['ListSecrets']>;
  deleteSecret: UnaryCall<SecretDef['DeleteSecret']>;

  /** Closes the channel; calls still running fail with CANCELLED or UNAVAILABLE. */
  close(): void;
}

const FALLBACK_DEADLINE_MS = 30_000;
const UPLOAD_SPLIT_ABOVE = 1024 * 1024;
const UPLOAD_PIECE = 512 * 1024;

async function* uploadMessages(
  metadata: UploadBuildContextMetadata,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<UploadBuildContextRequest> {
  yield { metadata };
  for await (const chunk of chunks) {
    if (chunk.byteLength <= UPLOAD_SPLIT_ABOVE) {
      if (chunk.byteLength > 0) yield { chunk };
      continue;
    }
    for (let offset = 0; offset < chunk.byteLength; offset += UPLOAD_PIECE) {
      yield { chunk: chunk.subarray(offset, offset + UPLOAD_PIECE) };
    }
  }
}

// Printable ASCII without spaces: anything else would make grpc-js throw an error that quotes the value.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

function buildMetadataFactory(token: string | undefined, extra: Record<string, string>): () => grpc.Metadata {
  if (token !== undefined && !TOKEN_SHAPE.test(token)) {
    throw new UserError(
      'the Ignite token contains spaces or non-printable characters',
      'Set DODIL_TOKEN or IGNITE_TOKEN to the bare token (without "Bearer "), or run `dodil login` again.',
      { code: 'CONFIG' },
    );
  }
  const entries = Object.entries(extra).map(([key, value]) => [key.toLowerCase(), value] as const);
  if (entries.some(([key]) => key === 'authorization')) {
    throw new UserError('extra metadata may not set "authorization"', 'The bearer token is sent from the token setting.', {
      code: 'CONFIG',
    });
  }
  return () => {
    const metadata = new grpc.Metadata();
    if (token) metadata.set('authorization', `Bearer ${token}`);
    for (const [key, value] of entries) metadata.set(key, value);
    return metadata;
  };
}

/** Creates the client; no connection is made until the first call. */
export function createIgniteClient(options: IgniteClientOptions): IgniteClient {
  const { v1 } = loadIgniteProtos();
  const { transport, credentials } = chooseChannelCredentials(options.endpoint, options.insecure);
  const grpcClient = new grpc.Client(options.endpoint, credentials, { ...DEFAULT_CHANNEL_OPTIONS, ...options.channelOptions });
  const logger = (options.logger ?? silentLogger).child('grpc');
  const channel: RpcChannel = {
    client: grpcClient,
    metadata: buildMetadataFactory(options.token, options.extraMetadata ?? {}),
    defaultDeadlineMs: isUsableDeadline(options.deadlineMs) ? options.deadlineMs : FALLBACK_DEADLINE_MS,
    retry: resolveRetryPolicy(options.retry),
    secrets: options.token ? [options.token] : [],
    logger,
  };
  logger.debug('channel created', { endpoint: options.endpoint, transport });
  const build = v1.BuildService.service;
  const compute = v1.ComputeService.service;
  const secret = v1.SecretService.service;

  return {
    endpoint: options.endpoint,
    transport,
    createBuild: unaryCall(channel, build.CreateBuild),
    getBuild: unaryCall(channel, build.GetBuild),
    listBuilds: unaryCall(channel, build.ListBuilds),
    cancelBuild: unaryCall(channel, build.CancelBuild),
    saveBuildSecrets: unaryCall(channel, build.SaveBuildSecrets),
    streamBuildLogs: serverStreamCall(channel, build.StreamBuildLogs),
    uploadBuildContext: (metadata, chunks, callOptions) =>
      clientStreamCall(channel, build.UploadBuildContext, uploadMessages(metadata, chunks), callOptions),
    createApp: unaryCall(channel, compute.CreateApp),
    getApp: unaryCall(channel, compute.GetApp),
    listApps: unaryCall(channel, compute.ListApps),
    updateAppConfig: unaryCall(channel, compute.UpdateAppConfig),
    saveDraft: unaryCall(channel, compute.SaveDraft),
    getDraftInfo: unaryCall(channel, compute.GetDraftInfo),
    testDraft: unaryCall(channel, compute.TestDraft),
    publishDraft: unaryCall(channel, compute.PublishDraft),
    listAppVersions: unaryCall(channel, compute.ListAppVersions),
    getAppVersion: unaryCall(channel, compute.GetAppVersion),
    rollbackApp: unaryCall(channel, compute.RollbackApp),
    getAppState: unaryCall(channel, compute.GetAppState),
    deleteApp: unaryCall(channel, compute.DeleteApp),
    invoke: serverStreamCall(channel, compute.Invoke),
    healthCheck: unaryCall(channel, compute.HealthCheck),
    getAppLogs: unaryCall(channel, compute.GetAppLogs),
    streamAppLogs: serverStreamCall(channel, compute.StreamAppLogs),
    createSecret: unaryCall(channel, secret.CreateSecret),
    getSecret: unaryCall(channel, secret.GetSecret),
    listSecrets: unaryCall(channel, secret.ListSecrets),
    deleteSecret: unaryCall(channel, secret.DeleteSecret),
    close: () => grpcClient.close(),
  };
}
