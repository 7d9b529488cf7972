/**
 * Reads the organization and expiry out of a Dodil access token. The signature is NOT verified:
 * the server does that on every call; we only use the claims to fill in defaults and to warn early
 * about an expired token.
 */

export interface TokenClaims {
  orgName?: string;
  orgId?: string;
  /** Every organization the token names, for picking the id of a configured org name. */
  organizations: ReadonlyArray<{ name: string; id?: string }>;
  /** `exp` in epoch milliseconds. */
  expiresAtMs?: number;
}

function decodeSegment(segment: string): unknown {
  const json = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return JSON.parse(json);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Claims of a JWT, or undefined when the token is not a JWT (opaque tokens are valid too). The
 * organization claim is `{ "<org-name>": { "id": "<org-id>" } }` with `org_name`/`org_id` as fallback,
 * as issued by id.dodil.io.
 */
export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let payload: Record<string, unknown> | undefined;
  try {
    payload = asRecord(decodeSegment(parts[1]));
  } catch {
    return undefined;
  }
  if (!payload) return undefined;

  const organizations: Array<{ name: string; id?: string }> = [];
  for (const [name, value] of Object.entries(asRecord(payload.organization) ?? {})) {
    const id = asText(asRecord(value)?.id);
    organizations.push(id === undefined ? { name } : { name, id });
  }
  const first = organizations[0];
  const claims: TokenClaims = { organizations };
  const orgName = first?.name ?? asText(payload.org_name);
  const orgId = first?.id ?? asText(payload.org_id);
  if (orgName !== undefined) claims.orgName = orgName;
  if (orgId !== undefined) claims.orgId = orgId;
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) claims.expiresAtMs = payload.exp * 1000;
  return claims;
}
