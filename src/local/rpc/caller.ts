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
}

/**
 * The real gateway derives the org from the token and passes it on as `x-organization-name`;
 * the local Ignite accepts that header directly (it has no identity provider) and otherwise uses
 * its default organization. Requests that name another organization are refused, as cross-org
 * reads and writes are on the real service.
 */
export class CallerPolicy {
  private readonly requiredDigest: Buffer | undefined;

  constructor(private readonly options: CallerPolicyOptions) {
    this.requiredDigest = options.requiredToken === undefined ? undefined : digest(options.requiredToken);
  }

  /** Whether calls must present a token at all. */
  get tokenRequired(): boolean {
    return this.requiredDigest !== undefined;
  }

  /**
   * Throws UNAUTHENTICATED unless the call carries the required token. The comparison is of
   * SHA-256 digests in constant time, so neither the time taken nor the length of a wrong guess
   * tells anything about the token (a prefix fails exactly like any other wrong token).
   */
  authenticate(metadata: grpc.Metadata): void {
    if (this.requiredDigest === undefined) return;
    const header = metadata.get('authorization')[0];
    const presented = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
    if (presented === undefined) {
      throw new RpcError(grpc.status.UNAUTHENTICATED, 'missing credentials: send metadata "authorization: Bearer <token>"');
    }
    if (!timingSafeEqual(digest(presented), this.requiredDigest))
      throw new RpcError(grpc.status.UNAUTHENTICATED, 'invalid or expired token');
  }

  identify(metadata: grpc.Metadata): Caller {
    this.authenticate(metadata);
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
