/** How the parts of a running build report progress and failure. */
import { redacted } from '../../shared/redact.js';

/** A build that stops for a reason the user should read; its message becomes the Build's `error`. */
export class BuildFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildFailure';
  }
}

/** Where a build writes its log; every line is persisted with a sequence number. */
export interface BuildOutput {
  /** Our own step lines, in the shape of Docker's classic builder. */
  system(text: string): void;
  /** Output of tools the build ran (git). */
  stderr(text: string): void;
  stdout(text: string): void;
}

/** Throws the abort reason so a cancelled or timed-out build unwinds from wherever it is. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/** Waits `ms`, or rejects with the abort reason as soon as the build is stopped. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  checkAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Docker's units for "Sending build context to Docker daemon  2.048kB" (decimal, 4 significant digits). */
export function formatDockerSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(4))}${units[unit]}`;
}

/** The 12 hex characters Docker prints for an image or layer id. */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** A URL's scheme (group 1) and user info (group 2), where tokens hide in https://user:token@host/... */
export const URL_USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i;

/** A URL fit for a log line: its user info is replaced by the marker. */
export function redactUrl(url: string): string {
  return url.replace(URL_USER_INFO, `$1${redacted('url-credentials')}@`);
}
