/**
 * The last gate for configured secrets (deps.secrets(): the token, registry passwords) on their
 * way out of the server in a successful result. Apps echo requests, builds echo Dockerfiles, and
 * Ignite echoes request data, so any string in a result may carry one; each occurrence becomes a
 * visible marker. Error text has its own scrubbing in errors.ts.
 */
import { redacted } from './redact.js';

/** Shorter "secrets" would mangle ordinary words; real tokens are far longer. */
const MIN_SECRET_LENGTH = 4;

/** A copy of `value` with every configured secret in every string (keys included) replaced. */
export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const active = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (active.length === 0) return value;
  const marker = redacted('secret');
  const text = (input: string) => {
    let out = input;
    for (const secret of active) if (out.includes(secret)) out = out.split(secret).join(marker);
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [text(key), walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}
