import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as grpc from '@grpc/grpc-js';
import { STATUS_TABLE, isSafeToRetry, statusName } from '../../src/contract/status.js';
import { IgniteError, toIgniteError } from '../../src/client/ignite-error.js';
import { UserError, describeError, formatFailure } from '../../src/shared/errors.js';
import { redactText } from '../../src/shared/redact.js';

const formatIgniteError = (err: IgniteError) => formatFailure(describeError(err));

const ALL_CODES = Object.values(grpc.status).filter((v): v is grpc.status => typeof v === 'number');

function serviceError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), { code, details, metadata: new grpc.Metadata() });
}

describe('STATUS_TABLE', () => {
  it('covers every grpc.status value, and nothing else', () => {
    expect(ALL_CODES).toHaveLength(17);
    expect(
      Object.keys(STATUS_TABLE)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([...ALL_CODES].sort((a, b) => a - b));
    for (const code of ALL_CODES) {
      const info = STATUS_TABLE[code];
      expect(info.title.length, statusName(code)).toBeGreaterThan(3);
      // FAILED_PRECONDITION alone has no generic hint: only the failure can say what to do.
      if (code === grpc.status.FAILED_PRECONDITION) expect(info.hint).toBe('');
      else expect(info.hint.length, statusName(code)).toBeGreaterThan(10);
    }
  });

  it('gives the CLI exit-code statuses specific hints', () => {
    expect(STATUS_TABLE[grpc.status.UNAUTHENTICATED].hint).toContain('set DODIL_TOKEN or IGNITE_TOKEN, or run `dodil login`');
    expect(STATUS_TABLE[grpc.status.NOT_FOUND].hint).toMatch(/list_builds/);
    expect(STATUS_TABLE[grpc.status.DEADLINE_EXCEEDED].hint).toContain('IGNITE_MCP_DEADLINE_MS');
    expect(STATUS_TABLE[grpc.status.UNAVAILABLE].hint).toContain('IGNITE_API_ENDPOINT');
    expect(STATUS_TABLE[grpc.status.PERMISSION_DENIED].hint).toMatch(/role/);
  });

  it('marks exactly UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED safe to retry automatically', () => {
    expect(ALL_CODES.filter(isSafeToRetry).sort()).toEqual(
      [grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE].sort(),
    );
    for (const code of ALL_CODES.filter(isSafeToRetry)) expect(STATUS_TABLE[code].retryable).toBe(true);
  });
});

describe('toIgniteError / formatFailure', () => {
  it('wraps a ServiceError with the table entry and keeps it as cause', () => {
    const cause = serviceError(grpc.status.NOT_FOUND, 'app acme/web not found');
    const err = toIgniteError(cause, 'GetApp');
    expect(err).toBeInstanceOf(IgniteError);
    expect(err).toMatchObject({
      code: grpc.status.NOT_FOUND,
      codeName: 'NOT_FOUND',
      details: 'app acme/web not found',
      operation: 'GetApp',
      retryable: false,
    });
    expect(err.cause).toBe(cause);
    expect(formatIgniteError(err)).toBe(
      `GetApp failed: NOT_FOUND: app acme/web not found\nWhat to do: ${STATUS_TABLE[grpc.status.NOT_FOUND].hint}`,
    );
  });

  it('uses the title when the server sent no details, then the hint on its own line', () => {
    expect(formatIgniteError(toIgniteError(serviceError(grpc.status.INTERNAL, ''), 'X'))).toMatch(
      /^X failed: INTERNAL: internal server error\nWhat to do: /,
    );
    expect(formatIgniteError(toIgniteError(serviceError(grpc.status.INTERNAL, 'boom.'), 'X'))).toMatch(
      /^X failed: INTERNAL: boom\.\nWhat to do: The/,
    );
  });

  it('turns non-gRPC failures into UNKNOWN and passes IgniteErrors through', () => {
    const err = toIgniteError(new TypeError('x is not a function'), 'CreateApp');
    expect(err.code).toBe(grpc.status.UNKNOWN);
    expect(toIgniteError(err, 'Other')).toBe(err);
    expect(toIgniteError('weird', 'Y').details).toBe('unexpected failure');
  });

  it('never lets a configured token survive into any text', () => {
    const tokenArb = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}(\.[A-Za-z0-9_-]{4,20}){0,2}$/);
    fc.assert(
      fc.property(tokenArb, fc.string(), fc.string(), fc.constantFrom(...ALL_CODES), (token, before, after, code) => {
        const err = toIgniteError(serviceError(code, `${before}${token}${after} Bearer ${token}`), 'Op', { secrets: [token] });
        const cause = err.cause as grpc.ServiceError;
        for (const text of [
          err.message,
          err.details,
          formatIgniteError(err),
          String(err.stack),
          cause.message,
          cause.details,
          String(cause.stack),
        ]) {
          expect(text).not.toContain(token);
        }
      }),
    );
  });

  it('redacts bearer values and JWT-shaped strings even when not configured', () => {
    expect(redactText('auth Bearer abc.def-123= failed')).toBe('auth Bearer [REDACTED:bearer] failed');
    expect(redactText('got eyJhbGciOi.eyJzdWIiOiJ4.sig_123 back')).toBe('got [REDACTED:jwt] back');
    expect(redactText('short ab stays', ['ab'])).toBe('short ab stays');
  });
});

describe('describeError', () => {
  it('describes IgniteErrors with message, hint and code name', () => {
    const err = toIgniteError(serviceError(grpc.status.UNAUTHENTICATED, 'token expired'), 'ListApps');
    expect(describeError(err)).toEqual({
      message: 'ListApps failed: UNAUTHENTICATED: token expired',
      hint: STATUS_TABLE[grpc.status.UNAUTHENTICATED].hint,
      code: 'UNAUTHENTICATED',
    });
  });

  it('describes UserErrors with their own hint and optional code', () => {
    expect(describeError(new UserError('name is required', 'Pass name.'))).toEqual({ message: 'name is required', hint: 'Pass name.' });
    expect(describeError(new UserError('too big', 'Use upload.', { code: 'CONTEXT_TOO_LARGE' })).code).toBe('CONTEXT_TOO_LARGE');
  });

  it('gives unknown errors a generic message without a stack trace or secrets', () => {
    const err = new Error('cannot read x\n    at foo (/src/a.ts:1:1)');
    const described = describeError(err, { secrets: ['s3cr3t-value'] });
    expect(described.message).toBe('unexpected error: cannot read x');
    expect(described.hint).toMatch(/unexpected/);
    expect(describeError(new Error('leaked s3cr3t-value'), { secrets: ['s3cr3t-value'] }).message).not.toContain('s3cr3t-value');
    expect(describeError(undefined).message).toBe('unexpected error');
  });
});
