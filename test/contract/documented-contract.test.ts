import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIgniteProtos } from '../../src/contract/load.js';
import { fieldsOf } from '../helpers/proto-descriptors.js';

/** Field numbers printed verbatim in the public docs (docs/ignite-api.md §4.2, §5.3). */
const DOCUMENTED_NUMBERS: Record<string, Record<string, number>> = {
  UploadBuildContextRequest: { metadata: 1, chunk: 2 },
  UploadBuildContextMetadata: { content_type: 1, name: 2, expected_size_bytes: 3 },
  UploadBuildContextResponse: { context_id: 1, size_bytes: 2 },
  AppMeta: {
    id: 1,
    name: 2,
    runtime: 3,
    limits: 4,
    env: 5,
    resource_tier: 9,
    scaling: 10,
    storage_mode: 11,
    deployment_state: 15,
    version: 26,
    organization_name: 27,
    active_version: 28,
    description: 29,
    input_schema: 30,
    output_schema: 31,
    mcp_enabled: 32,
    max_concurrency: 38,
    deployment_mode: 39,
  },
  GetAppResponse: { app: 1 },
};

/** Documented RPC names and streaming kinds (docs/ignite-api.md §4.1, §5.1, §6). */
const DOCUMENTED_RPCS: Record<string, Record<string, 'unary' | 'client-stream' | 'server-stream'>> = {
  BuildService: {
    CreateBuild: 'unary',
    GetBuild: 'unary',
    ListBuilds: 'unary',
    StreamBuildLogs: 'server-stream',
    CancelBuild: 'unary',
    SaveBuildSecrets: 'unary',
    UploadBuildContext: 'client-stream',
  },
  ComputeService: {
    CreateApp: 'unary',
    GetApp: 'unary',
    ListApps: 'unary',
    UpdateAppConfig: 'unary',
    SaveDraft: 'unary',
    GetDraftInfo: 'unary',
    TestDraft: 'unary',
    PublishDraft: 'unary',
    ListAppVersions: 'unary',
    GetAppVersion: 'unary',
    RollbackApp: 'unary',
    GetAppState: 'unary',
    DeleteApp: 'unary',
    Invoke: 'server-stream',
    GetAppLogs: 'unary',
    StreamAppLogs: 'server-stream',
    HealthCheck: 'unary',
  },
  SecretService: { CreateSecret: 'unary', GetSecret: 'unary', ListSecrets: 'unary', DeleteSecret: 'unary' },
};

/** Documented field names (docs/ignite-api.md §4.3–§4.5, §5.3–§5.5, §6). */
const DOCUMENTED_FIELDS: Record<string, string[]> = {
  CreateBuildRequest: [
    'name',
    'dockerfile',
    'tags',
    'build_args',
    'platform',
    'no_cache',
    'timeout_secs',
    'registry',
    'repository',
    'context_id',
    'zipped_code',
    'git_source',
    'build_tier',
  ],
  GitSource: ['url', 'reference', 'context_dir'],
  Build: ['build_id', 'status', 'image_refs', 'build_args', 'created_at_ms'],
  StreamBuildLogsRequest: ['build_id', 'from_start'],
  SaveBuildSecretsRequest: ['registry_credentials', 'git_credentials', 'build_secrets'],
  GitCredentials: ['username', 'password'],
  SaveDraftRequest: ['organization_name', 'app_name', 'code'],
  SaveDraftResponse: ['draft'],
  CodeSource: ['compile', 'image'],
  CompileSource: ['runtime', 'source_code'],
  ImageSource: ['prebuilt', 'from_code', 'from_git'],
  PrebuiltImage: ['image_ref', 'registry_secret_ref'],
  DraftInfo: ['status', 'code_hash', 'created_at_ms', 'code_kind', 'deploy_id', 'error', 'image_ref'],
  AppVersionInfo: ['version', 'code_hash', 'created_at_ms', 'status', 'resource_tier', 'runtime'],
  CreateAppResponse: ['app_id', 'deployment_state', 'applied_tier', 'applied_limits'],
  SecretValue: ['git_secret', 'registry_secret'],
  GitSecret: ['username', 'token'],
  RegistrySecret: ['username', 'password', 'server_address'],
  SecretMetadata: ['name', 'type', 'created_at_ms', 'updated_at_ms'],
  CreateSecretRequest: ['name', 'value'],
  RustRuntime: ['target', 'toolchain_version'],
  ResourceLimits: ['memory_mb', 'cpu_millicores', 'timeout_secs'],
};

describe('the proto contract against the public docs', () => {
  it.each(Object.entries(DOCUMENTED_NUMBERS))('%s uses the documented field numbers', (message, numbers) => {
    const fields = fieldsOf(message);
    for (const [name, number] of Object.entries(numbers)) expect({ name, number: fields.get(name)?.number }).toEqual({ name, number });
  });

  it.each(Object.entries(DOCUMENTED_FIELDS))('%s has the documented field names', (message, names) => {
    expect([...fieldsOf(message).keys()]).toEqual(expect.arrayContaining(names));
  });

  it.each(Object.entries(DOCUMENTED_RPCS))('%s has the documented RPCs with their streaming kinds', (service, rpcs) => {
    const definition = loadIgniteProtos().v1[service as 'BuildService'].service;
    for (const [rpc, kind] of Object.entries(rpcs)) {
      const method = (definition as Record<string, { requestStream: boolean; responseStream: boolean; path: string } | undefined>)[rpc];
      if (!method) throw new Error(`${service}.${rpc} is missing from the contract`);
      const actual = method.requestStream ? 'client-stream' : method.responseStream ? 'server-stream' : 'unary';
      expect({ rpc, kind: actual }).toEqual({ rpc, kind });
      expect(method.path).toBe(`/dodil.ignite.v1.${service}/${rpc}`);
    }
  });

  it('every designed message and field is marked for checking against the live service', () => {
    const documentedMessages = new Set([
      ...Object.keys(DOCUMENTED_NUMBERS),
      'UploadBuildContextRequest',
      'SaveDraftResponse',
      'GetAppResponse',
    ]);
    const dir = path.resolve('proto/dodil/ignite/v1');
    const unmarked: string[] = [];
    for (const file of readdirSync(dir)) {
      const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const match = /^(message|enum) (\w+)/.exec(line);
        if (!match || documentedMessages.has(match[2]!)) return;
        let start = i;
        while (start > 0 && lines[start - 1]!.trim().startsWith('//')) start--;
        const comments = lines.slice(start, i).join('\n');
        if (!comments.includes('not in the public docs: our design') && !/^\s*\/\/ Documented/m.test(comments))
          unmarked.push(`${file}: ${match[2]}`);
      });
    }
    expect(unmarked).toEqual([]);
  });
});
