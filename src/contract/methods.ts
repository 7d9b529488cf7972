/**
 * Every RPC of the three Ignite services, classed by what a caller may do when it fails. The client
 * retries by this table and the local Ignite's fault rules name methods from it, so both sides
 * agree on which methods exist.
 */
import type { BuildServiceDefinition } from './generated/dodil/ignite/v1/BuildService.js';
import type { ComputeServiceDefinition } from './generated/dodil/ignite/v1/ComputeService.js';
import type { SecretServiceDefinition } from './generated/dodil/ignite/v1/SecretService.js';

export type IgniteMethod = keyof BuildServiceDefinition | keyof ComputeServiceDefinition | keyof SecretServiceDefinition;

/**
 * - retry: a read; repeated on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED.
 * - resume: a read whose caller resumes it by sequence number (the log hub, log reads), never replayed whole.
 * - never: changes state, or may (Invoke runs the app's code).
 * A Record over the generated service types makes the compiler reject a method missing here.
 */
export const METHOD_RETRY: Readonly<Record<IgniteMethod, 'retry' | 'resume' | 'never'>> = Object.freeze({
  GetBuild: 'retry',
  ListBuilds: 'retry',
  GetApp: 'retry',
  ListApps: 'retry',
  GetDraftInfo: 'retry',
  ListAppVersions: 'retry',
  GetAppVersion: 'retry',
  GetAppState: 'retry',
  GetSecret: 'retry',
  ListSecrets: 'retry',
  HealthCheck: 'retry',
  GetAppLogs: 'retry',
  StreamBuildLogs: 'resume',
  StreamAppLogs: 'resume',
  CreateBuild: 'never',
  CancelBuild: 'never',
  UploadBuildContext: 'never',
  SaveBuildSecrets: 'never',
  CreateApp: 'never',
  UpdateAppConfig: 'never',
  SaveDraft: 'never',
  TestDraft: 'never',
  PublishDraft: 'never',
  RollbackApp: 'never',
  DeleteApp: 'never',
  Invoke: 'never',
  CreateSecret: 'never',
  DeleteSecret: 'never',
});

/** Every method of the three services, by its proto name. */
export const IGNITE_METHODS: ReadonlySet<string> = new Set(Object.keys(METHOD_RETRY));

export function isRetriedMethod(method: string): boolean {
  return (METHOD_RETRY as Record<string, string>)[method] === 'retry';
}
