import { describe, expect, it } from 'vitest';
import { LogLineRedactor, redactText } from '../../src/shared/redact.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const GITHUB = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const NPM = 'npm_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8';

describe('redactText', () => {
  it.each([
    ['configured token', 'Step 3/9 : ENV API=my-configured-token-123', 'Step 3/9 : ENV API=[REDACTED:secret]'],
    ['JWT', `Step 4/9 : LABEL auth.jwt=${JWT}`, 'Step 4/9 : LABEL auth.jwt=[REDACTED:jwt]'],
    ['Bearer', 'RUN curl -H "X-Auth: Bearer abcdef1234567890" https://x', 'RUN curl -H "X-Auth: Bearer [REDACTED:bearer]" https://x'],
    ['authorization header', 'curl -H "Authorization: Bearer s3cr3t-v4lue-xyz" x', 'curl -H "Authorization: [REDACTED:authorization]" x'],
    ['AWS access key', 'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'ENV AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key]'],
    ['AWS key anywhere', 'using AKIAIOSFODNN7EXAMPLE now', 'using [REDACTED:aws-access-key] now'],
    ['GitHub token', `RUN git clone https://${GITHUB}@github.com/o/r`, 'RUN git clone https://[REDACTED:github-token]@github.com/o/r'],
    ['fine-grained GitHub token', 'echo github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'echo [REDACTED:github-token]'],
    ['npm token', `//registry.npmjs.org/:_authToken=${NPM}`, '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]'],
    ['npm token bare', `echo ${NPM} > .npmrc`, 'echo [REDACTED:npm-token] > .npmrc'],
    ['password assignment', 'ENV DB_PASSWORD=hunter2 MODE=prod', 'ENV DB_PASSWORD=[REDACTED:value] MODE=prod'],
    ['quoted assignment', 'LABEL secret="two words"', 'LABEL secret="[REDACTED:value]"'],
    [
      'token in a query',
      'GET https://api.example.com/v1?token=abc123&page=2',
      'GET https://api.example.com/v1?token=[REDACTED:value]&page=2',
    ],
    ['JSON field', '{"client_secret": "xyz-123", "name": "app"}', '{"client_secret": "[REDACTED:value]", "name": "app"}'],
    ['legacy ENV form', 'Step 2/5 : ENV NPM_TOKEN abc123def', 'Step 2/5 : ENV NPM_TOKEN [REDACTED:value]'],
    ['password flag', 'RUN mysql --password hunter2 -e "select 1"', 'RUN mysql --password [REDACTED:value] -e "select 1"'],
    [
      'URL password',
      'Cloning https://bob:hunter2@git.example.com/r.git',
      'Cloning https://bob:[REDACTED:url-password]@git.example.com/r.git',
    ],
    [
      'one-line private key',
      'RUN echo "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----" > k',
      'RUN echo "[REDACTED:private-key]" > k',
    ],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input, ['my-configured-token-123'])).toBe(expected);
  });

  it.each([
    'Step 1/7 : FROM node:20-alpine',
    ' ---> 3f2a9c1b7d4e',
    'Step 5/7 : ENV NODE_ENV=production HOME=/tmp/ignite',
    'Step 6/7 : ARG NPM_TOKEN',
    'ENV TOKEN=$NPM_TOKEN',
    'ENV TOKEN=***',
    'npm WARN deprecated inflight@1.0.6: This module is not supported',
    'added 57 packages, and audited 58 packages in 2s; found 0 vulnerabilities',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'tokens=3 secrets=2 a basic setup with a Bearer token',
    'RUN --mount=type=secret,id=npmrc npm ci',
    'Successfully tagged localhost/local/app:latest',
  ])('leaves a normal line alone: %s', (line) => {
    expect(redactText(line, ['my-configured-token-123'])).toBe(line);
  });
});

describe('LogLineRedactor', () => {
  it('hides a private key printed over several lines, and only it', () => {
    const redactor = new LogLineRedactor();
    const lines = [
      'writing key',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACBkaXNjb3ZlcmVkLXNlY3JldC1tYXRlcmlhbA==',
      '-----END OPENSSH PRIVATE KEY-----',
      'done',
    ].map((line) => redactor.redact(line));
    expect(lines).toEqual([
      'writing key',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      'done',
    ]);
  });

  it('hides a key body line even when the read starts after BEGIN', () => {
    expect(new LogLineRedactor().redact('MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw')).toBe(
      '[REDACTED:private-key]',
    );
  });

  it('hides after a BEGIN line without END only the lines that look like key body (issue 10)', () => {
    const redactor = new LogLineRedactor();
    redactor.redact('-----BEGIN RSA PRIVATE KEY-----');
    const after = Array.from({ length: 17 }, (_, i) => redactor.redact(`Step ${i + 2}/18 : RUN echo ${i}`));
    expect(after).toEqual(Array.from({ length: 17 }, (_, i) => `Step ${i + 2}/18 : RUN echo ${i}`));
  });

  it('stops hiding body-like lines after a bounded number when END never comes', () => {
    const redactor = new LogLineRedactor();
    redactor.redact('-----BEGIN PRIVATE KEY-----');
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgO';
    const after = Array.from({ length: 150 }, () => redactor.redact(body));
    expect(after[0]).toBe('[REDACTED:private-key]');
    expect(after.filter((line) => line !== '[REDACTED:private-key]').length).toBeGreaterThan(0);
  });
});
