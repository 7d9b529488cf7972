/** Limits the local Ignite enforces, like the real service's documented ones where they exist. */
export interface LocalLimits {
  /** `zipped_code` and `from_code.archive` must be under 4 MB (documented). */
  inlineContextBytes: number;
  /** Largest uploaded context archive accepted (undocumented upstream; ours). */
  uploadContextBytes: number;
  /** Decompression bounds when unpacking a context: total bytes and expansion ratio. */
  unpackedContextBytes: number;
  unpackRatio: number;
  unpackEntries: number;
  /** Default build timeout when a request says 0. */
  defaultBuildTimeoutSecs: number;
  /** How long an app gets to answer its health path after starting. */
  appStartTimeoutMs: number;
  /** Longest single invocation. */
  invokeTimeoutMs: number;
  /** Our own bound on one image pull: a registry that accepts and never answers hangs a pull for minutes. */
  pullTimeoutMs: number;
  /**
   * Test hook, not a real limit: the local builder pauses this long before each Dockerfile step so
   * tests can watch logs arrive live or cancel a build mid-way. 0 or unset in normal use.
   */
  buildStepDelayMs?: number;
}

export const DEFAULT_LOCAL_LIMITS: LocalLimits = Object.freeze({
  inlineContextBytes: 4 * 1024 * 1024,
  uploadContextBytes: 2 * 1024 * 1024 * 1024,
  unpackedContextBytes: 8 * 1024 * 1024 * 1024,
  unpackRatio: 200,
  unpackEntries: 200_000,
  defaultBuildTimeoutSecs: 1800,
  appStartTimeoutMs: 20_000,
  invokeTimeoutMs: 120_000,
  pullTimeoutMs: 180_000,
});

/** The decompression bounds as the unpacker takes them, for contexts and for ADD of a local archive. */
export function unpackLimits(limits: LocalLimits): { maxBytes: number; maxRatio: number; maxEntries: number } {
  return { maxBytes: limits.unpackedContextBytes, maxRatio: limits.unpackRatio, maxEntries: limits.unpackEntries };
}
