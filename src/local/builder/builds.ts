import type { Build__Output } from '../../contract/generated/dodil/ignite/v1/Build.js';
import type { Caller } from '../rpc/caller.js';

/** Where a build's context comes from. Exactly one. */
export type BuildSourceSpec =
  | { kind: 'context'; context_id: string }
  | { kind: 'inline'; archive: Uint8Array }
  | { kind: 'git'; url: string; reference: string; context_dir: string; credentials?: { username: string; password: string } };

/** A validated build request, from CreateBuild or from an image-mode draft (from_code/from_git). */
export interface BuildSpec {
  organization_name: string;
  name: string;
  dockerfile: string;
  tags: string[];
  build_args: Record<string, string>;
  platform: string;
  no_cache: boolean;
  timeout_secs: number;
  source: BuildSourceSpec;
}

/**
 * What ComputeService may ask of the local BuildService's builds, so an image-mode draft built
 * from code or git goes through the same queue, builder, logs and image registry as CreateBuild.
 */
export interface Builds {
  /** Validates and queues; returns the PENDING record at once. Throws RpcError on bad input. */
  start(spec: BuildSpec, caller: Caller): Build__Output;
  get(buildId: string): Build__Output | undefined;
  /** Cancels a pending or running build of `organization`; throws FAILED_PRECONDITION once it has ended. */
  cancel(buildId: string, organization: string): Build__Output;
  /** Resolves when the build reaches SUCCEEDED, FAILED or CANCELLED. */
  waitForEnd(buildId: string, signal?: AbortSignal): Promise<Build__Output>;
  /** Builds pending or running now. */
  activeCount(): number;
  /** Cancels every running build and waits for them to stop. */
  shutdown(): Promise<void>;
}
