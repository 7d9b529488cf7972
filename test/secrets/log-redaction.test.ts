import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const SECRETS = [CANARY, JWT, 'AKIAIOSFODNN7EXAMPLE', 'hunter2', GITHUB, 'abcdef1234567890', 'pa55w0rd', 'MIIEowIBAAKCAQEA'];

/** Every secret is echoed by a step line; the last step fails, so the failure summary sits right after them. */
const DOCKERFILE = `FROM node:20-alpine
ENV API_TOKEN=${CANARY}
LABEL session="${JWT}"
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE DB_PASSWORD=hunter2
RUN echo ${GITHUB} && curl -H "X-Auth: Bearer abcdef1234567890" https://deploy:pa55w0rd@example.com/hook
RUN echo "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA-----END RSA PRIVATE KEY-----" > /key
ENV GREETING=hello-visible
COPY missing.txt /app/
`;

let harness: Harness;
let buildId: string;
const progress: string[] = [];
let waited: CallToolResult;

beforeAll(async () => {
  harness = await startHarness({ local: { limits: { buildStepDelayMs: 40 } } });
  const dir = path.join(harness.workDir, 'leaky');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  // The Dockerfile holds secret shapes on purpose, so it is sent only because include_secret_files names it.
  const created = await harness.call('create_build', { name: 'leaky', path: dir, include_secret_files: ['Dockerfile'] });
  buildId = (created.structuredContent as { build_id: string }).build_id;
  waited = (await harness.client.callTool({ name: 'get_build', arguments: { build_id: buildId, wait_seconds: 30 } }, CallToolResultSchema, {
    onprogress: (p) => void progress.push(p.message ?? ''),
  })) as CallToolResult;
});
afterAll(() => harness.close());

function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('build log lines that echo secrets', () => {
  it('progress messages while waiting show markers only', () => {
    expect(progress.length).toBeGreaterThan(5);
    expectClean(progress.join('\n'));
    expect(progress.join('\n')).toMatch(/ENV API_TOKEN=\[REDACTED:secret\]/);
  });

  it("get_build's failure summary and build record", () => {
    const structured = waited.structuredContent as { build: { status: string }; failure: { first_error_line: string } };
    expect(structured.build.status).toBe('FAILED');
    expect(structured.failure.first_error_line).toMatch(/missing\.txt/);
    expectClean(JSON.stringify(waited));
  });

  it.each(['head', 'tail', 'errors'])('read_build_logs mode %s', async (mode) => {
    const result = await harness.call('read_build_logs', { build_id: buildId, mode });
    const text = textOf(result);
    expectClean(JSON.stringify(result));
    if (mode !== 'tail') {
      expect(text).toContain('ENV API_TOKEN=[REDACTED:secret]');
      expect(text).toContain(`LABEL session="[REDACTED:jwt]"`);
      expect(text).toContain('ENV AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key] DB_PASSWORD=[REDACTED:value]');
      expect(text).toContain(
        'RUN echo [REDACTED:github-token] && curl -H "X-Auth: Bearer [REDACTED:bearer]" https://deploy:[REDACTED:url-password]@example.com/hook',
      );
      expect(text).toContain('RUN echo "[REDACTED:private-key]" > /key');
      expect(text).toContain('ENV GREETING=hello-visible');
      expect(text).toContain('Step 1/8 : FROM node:20-alpine');
    }
  });

  it('the log resource', async () => {
    const read = await harness.client.readResource({ uri: `ignite://builds/${buildId}/logs` });
    const text = read.contents.map((c) => ('text' in c ? c.text : '')).join('\n');
    expectClean(text);
    expect(text).toContain('ENV API_TOKEN=[REDACTED:secret]');
    expect(text).toContain('ENV GREETING=hello-visible');
    expectClean(JSON.stringify(await harness.client.readResource({ uri: `ignite://builds/${buildId}` })));
  });

  it('lines with nothing secret are untouched', async () => {
    const result = await harness.call('read_build_logs', { build_id: buildId, max_lines: 2000 });
    const lines = (result.structuredContent as { lines: { text: string }[] }).lines.map((line) => line.text);
    const untouched = lines.filter((line) => !line.includes('[REDACTED:'));
    expect(untouched.length).toBeGreaterThan(lines.length / 2);
    for (const line of untouched)
      expect(line).toMatch(/^(Step \d+\/\d+ : |\s*---> |Sending build context|COPY failed|.*missing\.txt|.*Not executed|.*recorded)/);
  });
});
