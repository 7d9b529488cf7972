import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../shared/log.js';
import type { BuildEngine } from '../builder/build-engine.js';
import type { Caller } from '../rpc/caller.js';
import type { LocalServiceDeps } from '../deps.js';
import type { AppRunner } from '../runner/app-runner.js';
import type { SecretVault } from '../secret/vault.js';
import type { AppBook } from './apps.js';
import type { DraftBuilds } from './draft-builds.js';
import type { DraftBook } from './drafts.js';
import type { VersionBook } from './versions.js';

export type ComputeDeps = LocalServiceDeps & { engine: BuildEngine; vault: SecretVault };

/** Everything the ComputeService handlers share. */
export interface ComputeContext {
  deps: ComputeDeps;
  apps: AppBook;
  drafts: DraftBook;
  versions: VersionBook;
  builds: DraftBuilds;
  runner: AppRunner;
  log: Logger;
}

/** The caller and the organization a request acts on (its own organization_name, or the caller's). */
export function scopeOf(ctx: ComputeContext, call: { metadata: grpc.Metadata }, requested: string): { caller: Caller; org: string } {
  const caller = ctx.deps.callers.identify(call.metadata);
  return { caller, org: ctx.deps.callers.organizationFor(caller, requested) };
}
