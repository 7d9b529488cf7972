/** Build statuses as the contract spells them, and the one list of those that end a build. */
import type { BuildStatus__Output } from './generated/dodil/ignite/v1/BuildStatus.js';

export type BuildStatus = BuildStatus__Output;

export const TERMINAL_BUILD_STATUSES: ReadonlySet<string> = new Set<BuildStatus>([
  'BUILD_STATUS_SUCCEEDED',
  'BUILD_STATUS_FAILED',
  'BUILD_STATUS_CANCELLED',
]);

/** True once a build has ended: SUCCEEDED, FAILED or CANCELLED. */
export function isTerminalBuildStatus(status: string): boolean {
  return TERMINAL_BUILD_STATUSES.has(status);
}

/** `BUILD_STATUS_FAILED` as tools and resources spell it for people: `FAILED`. */
export function shortBuildStatus(status: string): string {
  return status.replace(/^BUILD_STATUS_/, '');
}
