import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../shared/log.js';
import type { Builds } from '../builder/builds.js';
import type { Caller } from '../rpc/caller.js';
import type { LocalServiceDeps } from '../deps.js';
import type { AppRunner } from '../runner/app-runner.js';
import type { SecretVault } from '../secret/vault.js';
import type { AppBook } from './apps.js';
import type { DraftBuilds } from './draft-builds.js';
import type { DraftBook } from './drafts.js';
import type { VersionBook } from './versions.js';

export type ComputeDeps = LocalServiceDeps & { builds: Builds; vault: SecretVault };

/** What every ComputeService handler works with: the record books, the draft-build watcher, the app runner and the server's deps. */
export interface ComputeParts {
  deps: ComputeDeps;
  apps: AppBook;
  drafts: DraftBook;
  versions: VersionBook;
  draftBuilds: DraftBuilds;
  runner: AppRunner;
  log: Logger;
}

/** The caller and the organization a request acts on (its own organization_name, or the caller's). */
export function scopeOf(compute: ComputeParts, call: { metadata: grpc.Metadata }, requested: string): { caller: Caller; org: string } {
  const caller = compute.deps.callers.identify(call.metadata);
  return { caller, org: compute.deps.callers.organizationFor(caller, requested) };
}
