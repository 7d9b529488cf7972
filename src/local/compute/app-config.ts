import type { EnvPatch__Output } from '../../contract/generated/dodil/ignite/v1/EnvPatch.js';
import { invalidArgument } from '../rpc/errors.js';

const APP_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MAX_PORTS = 16;

/**
 * App names are undocumented upstream; the DNS encoding (`<app>-<org>.<base>`, "." as "-dot-")
 * suggests DNS-label-ish names, so the local Ignite takes lowercase labels, optionally dotted.
 */
export function checkAppName(name: string, field = 'name'): string {
  if (!name) throw invalidArgument(`${field} is required: the app's name, e.g. "my-app"`);
  if (name.length > 63 || !APP_NAME.test(name)) {
    throw invalidArgument(
      `${field} "${name.slice(0, 80)}" is invalid: use at most 63 lowercase letters, digits and "-", optionally dot-separated ` +
        `(e.g. "my-app" or "team.api"), each part starting and ending with a letter or digit`,
    );
  }
  return name;
}

/** Container ports: each 1-65535, no repeats; an empty list means the default port. */
export function checkPorts(ports: readonly number[]): number[] {
  if (ports.length > MAX_PORTS) throw invalidArgument(`ports lists ${ports.length} ports; the local Ignite allows at most ${MAX_PORTS}`);
  const seen = new Set<number>();
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw invalidArgument(`port ${port} is out of range; ports must be 1-65535`);
    if (seen.has(port)) throw invalidArgument(`port ${port} is listed twice; ports must be unique`);
    seen.add(port);
  }
  return [...ports];
}

export const DEFAULT_HEALTH_PATH = '/healthz';

export function checkHealthPath(healthPath: string): string {
  if (!healthPath.startsWith('/') || /[\s\u0000-\u001f\u007f]/.test(healthPath) || healthPath.length > 1024) {
    throw invalidArgument(
      `health_path "${healthPath.slice(0, 80)}" is invalid: it must be a URL path starting with "/" (default "${DEFAULT_HEALTH_PATH}"), without spaces`,
    );
  }
  return healthPath;
}

/**
 * Linux refuses to start a process with one env string (`NAME=value`) over 128 KiB (MAX_ARG_STRLEN) or
 * with arguments and env over about 2 MiB in all (ARG_MAX, a quarter of the default 8 MiB stack): spawn
 * fails with E2BIG, on every start. The app's own env gets half of that; the rest is for the image's env,
 * PATH, HOME, the PORT variables and the command line.
 */
export const MAX_ENV_STRING_BYTES = 128 * 1024;
export const MAX_ENV_TOTAL_BYTES = 1024 * 1024;

/** Refuses env no process could start with, naming the variable or the total. */
export function checkEnvSize(env: Record<string, string>, field = 'env'): void {
  let total = 0;
  for (const [name, value] of Object.entries(env)) {
    const bytes = Buffer.byteLength(name) + 1 + Buffer.byteLength(value) + 1;
    if (bytes > MAX_ENV_STRING_BYTES) {
      throw invalidArgument(
        `${field}: ${name} is ${bytes} bytes as NAME=value; a process cannot start with one env string over ${MAX_ENV_STRING_BYTES} bytes (Linux's limit); put large values in a file of the image instead`,
      );
    }
    total += bytes + 8;
  }
  if (total > MAX_ENV_TOTAL_BYTES) {
    throw invalidArgument(
      `env is too large: ${total} bytes in ${Object.keys(env).length} variables, over the ${MAX_ENV_TOTAL_BYTES} bytes an app's env may take ` +
        '(Linux starts a process with at most about 2 MiB of arguments and env); remove variables (env remove) or put large values in files of the image',
    );
  }
}

/** Env names as Kubernetes accepts them (the platform runs pods); values must not hold NUL. */
export function checkEnv(env: Record<string, string>, field = 'env'): Record<string, string> {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) {
      throw invalidArgument(
        `${field} name "${name.slice(0, 80)}" is invalid: use letters, digits, "_", "-" and ".", not starting with a digit`,
      );
    }
    if (value.includes('\u0000')) throw invalidArgument(`${field} value of ${name} contains a NUL character`);
  }
  checkEnvSize(env, field);
  return { ...env };
}

/** Merges by default, so a caller never has to read values back to keep them; `replace` swaps the map; `remove` drops keys. */
export function applyEnvPatch(env: Record<string, string>, patch: EnvPatch__Output): Record<string, string> {
  const set = checkEnv(patch.set, 'env.set');
  const next = patch.replace ? set : { ...env, ...set };
  for (const name of patch.remove) {
    if (name in set) throw invalidArgument(`env: "${name}" is both set and removed in the same patch`);
    delete next[name];
  }
  checkEnvSize(next);
  return next;
}
