/**
 * The canary token: the credential every MCP test runs with. It is shaped like an opaque token
 * (printable, no spaces, not a JWT) so nothing but its exact value gives it away, and any output
 * that contains it is a leak.
 */
export const CANARY = 'ignite-canary-tok-5b1e0c7a9d2f4e8b6a3c';

/** Where the canary shows up in `text`, with a little context, or undefined. */
export function canaryIn(text: string, where: string): string | undefined {
  const at = text.indexOf(CANARY);
  if (at < 0) return undefined;
  return `${where}: …${text.slice(Math.max(0, at - 80), at + CANARY.length + 40)}…`;
}
