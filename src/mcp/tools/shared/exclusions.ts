/**
 * What the tools say about what a context left out: counts by reason, the secret-shaped files by name,
 * and the secret-shaped files that were sent because include_secret_files named them.
 */
import type { Exclusion } from '../../../packing/index.js';
import { UserError } from '../../../shared/errors.js';

/** A secret-shaped file named as the Dockerfile is not sent for being the Dockerfile. */
export function secretDockerfileError(dockerfile: string, reason: string): UserError {
  return new UserError(
    `the Dockerfile ${dockerfile} looks like a secret (${reason}), so it was not sent`,
    `Name the real Dockerfile in dockerfile, or, if ${dockerfile} must be sent, also list it in include_secret_files.`,
    { code: 'SECRET_DOCKERFILE' },
  );
}

/** The lines a result adds about secret-shaped files: what was left out, and what was sent because it was named. */
export function secretFileLines(leftOut: readonly string[], sent: readonly string[]): string[] {
  return [
    leftOut.length ? `secret-shaped files left out: ${leftOut.join(', ')}` : '',
    sent.length ? `secret-shaped files sent because include_secret_files named them: ${sent.join(', ')}` : '',
  ].filter(Boolean);
}

/** Counts of what was left out, by reason, and the secret-shaped files by name. */
export function summarizeExclusions(excluded: readonly Exclusion[]) {
  const counts: Record<string, number> = {};
  for (const item of excluded) counts[item.reason] = (counts[item.reason] ?? 0) + 1;
  return { left_out_counts: counts, secret_files_left_out: excluded.filter((e) => e.reason === 'secret-file').map((e) => e.path) };
}
