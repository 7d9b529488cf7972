import { createHash, timingSafeEqual } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { RpcError, permissionDenied } from './errors.js';

/** Who is calling, as far as the local Ignite can tell from the request metadata. */
export interface Caller {
  /** The organization the caller acts for. */
  organization: string;
  /** True when the organization came from the caller (header), not from the server default. */
  organizationFromCaller: boolean;
}

export interface CallerPolicyOptions {
  /** When set, every call except HealthCheck must carry `authorization: Bearer <requiredToken>`. */
  requiredToken?: string;
  /** Organization for callers that do not name one; the real service takes it from the token. */
  defaultOrganization: string;
  /**
   * Tokens that each stand for a caller of an organization, as the real gateway derives the
   * organization from the token: a call must carry one of them and acts for its organization.
   * For serving several identities at once (one shared MCP server, each session with its own token).
   */
  identities?: ReadonlyArray<{ token: string; organization: string }>;
}

/**
 * The real gateway derives the org from the token and passes it on as `x-organization-name`;
 * the local Ignite accepts that header directly (it has no identity provider) and otherwise uses
 * its default organization. Requests that name another organization are refused, as cross-org
 * reads and writes are on the real service.
 */
export class CallerPolicy {
  private readonly requiredDigest: Buffer | undefined;
  private readonly identities: ReadonlyArray<{ digest: Buffer; organization: string }>;

  constructor(private readonly options: CallerPolicyOptions) {
    this.requiredDigest = options.requiredToken === undefined ? undefined : digest(options.requiredToken);
    this.identities = (options.identities ?? []).map(({ token, organization }) => ({ digest: digest(token), organization }));
  }

  /** Whether calls must present a token at all. */
  get tokenRequired(): boolean {
    return this.requiredDigest !== undefined || this.identities.length > 0;
  }

  /**
   * Throws UNAUTHENTICATED unless the call carries the required token. The comparison is of
   * SHA-256 digests in constant time, so neither the time taken nor the length of a wrong guess
   * tells anything about the token (a prefix fails exactly like any other wrong token).
   */
  authenticate(metadata: grpc.Metadata): void {
    this.identityOf(metadata);
  }

  /** The organization the presented token stands for, when identities are configured. */
  private identityOf(metadata: grpc.Metadata): string | undefined {
    if (!this.tokenRequired) return undefined;
    const header = metadata.get('authorization')[0];
    const presented = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
    if (presented === undefined) {
      throw new RpcError(grpc.status.UNAUTHENTICATED, 'missing credentials: send metadata "authorization: Bearer <token>"');
    }
    const given = digest(presented);
    // Every identity is compared, whichever matches, so timing says nothing about which one did.
    let organization: string | undefined;
    for (const identity of this.identities) if (timingSafeEqual(given, identity.digest)) organization = identity.organization;
    if (organization !== undefined) return organization;
    if (this.requiredDigest && timingSafeEqual(given, this.requiredDigest)) return undefined;
    throw new RpcError(grpc.status.UNAUTHENTICATED, 'invalid or expired token');
  }

  identify(metadata: grpc.Metadata): Caller {
    const fromToken = this.identityOf(metadata);
    if (fromToken !== undefined) return { organization: fromToken, organizationFromCaller: true };
    const header = metadata.get('x-organization-name')[0];
    const named = typeof header === 'string' ? header.trim() : '';
    return named
      ? { organization: named, organizationFromCaller: true }
      : { organization: this.options.defaultOrganization, organizationFromCaller: false };
  }

  /** The organization a request acts on: its own `organization_name` if any, checked against the caller. */
  organizationFor(caller: Caller, requested: string | undefined): string {
    const wanted = requested?.trim() ?? '';
    if (!wanted) return caller.organization;
    if (caller.organizationFromCaller && wanted !== caller.organization) {
      throw permissionDenied(
        `organization "${wanted}" is not the caller's organization "${caller.organization}"; cross-org access is blocked`,
      );
    }
    return wanted;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
