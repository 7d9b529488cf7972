/**
 * The canaries: values every MCP test may hand the server, which must never come back out. The token
 * is the credential every call carries; the secret value is what tests give create_secret (through
 * the server's environment, a file or the entry page). Both are shaped like opaque tokens
 * (printable, no spaces, not a JWT) so nothing but their exact value gives them away, and any output
 * that contains one is a leak.
 */
export const CANARY = 'ignite-canary-tok-5b1e0c7a9d2f4e8b6a3c';
export const SECRET_VALUE_CANARY = 'ignite-canary-secret-value-8f3d1a6c5e2b';

const CANARIES = [CANARY, SECRET_VALUE_CANARY];

/** Where a canary shows up in `text`, with a little context, or undefined. */
export function canaryIn(text: string, where: string): string | undefined {
  for (const canary of CANARIES) {
    const at = text.indexOf(canary);
    if (at >= 0) return `${where}: …${text.slice(Math.max(0, at - 80), at + canary.length + 40)}…`;
  }
  return undefined;
}
