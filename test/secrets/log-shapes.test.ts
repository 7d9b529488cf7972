/**
 * Issue 10: the secret shapes a security test found in clear in read_build_logs, the log resource and
 * get_build's not-executed steps, each echoed by a Dockerfile step of a real build through a real MCP
 * client; plus the configured token in encoded forms, a BEGIN line without END, ANSI colour around a
 * token, and a `${{ secrets.X }}` placeholder that must stay as written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
let seed = 20_261_201;
function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += alphabet[seed % alphabet.length];
  }
  return out;
}

/** What must not survive, keyed by a name for the failure message. */
const SECRETS: Record<string, string> = {
  stripe: `sk_live_${pick(ALNUM, 24)}`,
  openai: `sk-proj-${pick(ALNUM, 48)}`,
  anthropic: `sk-ant-api03-${pick(ALNUM, 90)}`,
  google: `AIza${pick(ALNUM, 35)}`,
  huggingface: `hf_${pick('abcdefghijklmnopqrstuvwxyzABCDEFGH', 34)}`,
  sendgrid: `SG.${pick(ALNUM, 22)}.${pick(ALNUM, 43)}`,
  azure: `${pick(ALNUM, 86)}==`,
  slack: pick(ALNUM, 24),
  password: 'hunter2',
  aws: `wJalrXUtnFEMI/K7MDENG/${pick(ALNUM, 18)}`,
  ansiGithub: `ghp_${pick(ALNUM, 36)}`,
  tokenBase64: Buffer.from(`deploy:${CANARY}`).toString('base64').slice(12, 48),
  tokenHex: Buffer.from(CANARY).toString('hex'),
  tokenUrl: encodeURIComponent(`${CANARY}/x`),
};

const DOCKERFILE = [
  'FROM scratch',
  `RUN echo ${SECRETS.stripe} ${SECRETS.openai}`,
  `RUN echo ${SECRETS.anthropic}`,
  `RUN echo "${SECRETS.google}" ${SECRETS.huggingface} ${SECRETS.sendgrid}`,
  `RUN echo "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${SECRETS.azure};EndpointSuffix=core.windows.net"`,
  `RUN curl -X POST https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${SECRETS.slack}`,
  'ENV PASS=hunter2',
  'ENV DB_PASS=hunter2',
  'RUN mysql -uroot -phunter2 -e "select 1"',
  'RUN curl -u admin:hunter2 https://example.com/api',
  `RUN aws configure set aws_secret_access_key ${SECRETS.aws}`,
  `RUN printf '\x1b[32m${SECRETS.ansiGithub}\x1b[0m'`,
  `RUN echo "Basic ${Buffer.from(`deploy:${CANARY}`).toString('base64')}" ${SECRETS.tokenHex} https://x/?t=${SECRETS.tokenUrl}`,
  'RUN echo TOKEN=${{ secrets.NPM_TOKEN }}',
  'RUN echo "-----BEGIN RSA PRIVATE KEY-----"',
  'ENV AFTER_KEY=visible-after-key',
  'RUN echo still-visible-too',
  '',
].join('\n');

let harness: Harness;
let buildId: string;

beforeAll(async () => {
  harness = await startHarness();
  const dir = path.join(harness.workDir, 'shapes');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  // The Dockerfile holds secret shapes on purpose, so it is sent only because include_secret_files names it.
  const created = await harness.call('create_build', { name: 'shapes', path: dir, include_secret_files: ['Dockerfile'] });
  if (created.isError) throw new Error(textOf(created));
  buildId = (created.structuredContent as { build_id: string }).build_id;
  await harness.call('get_build', { build_id: buildId, wait_seconds: 40 });
});
afterAll(() => harness.close());

function expectClean(where: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) expect(text.includes(secret), `${name} in ${where}`).toBe(false);
}

describe('secret shapes echoed by build steps (issue 10)', () => {
  it('read_build_logs shows markers only, keeps placeholders, and shows the lines after a BEGIN line without END', async () => {
    const result = await harness.call('read_build_logs', { build_id: buildId, max_lines: 2000, max_bytes: 512 * 1024 });
    const text = textOf(result);
    expectClean('read_build_logs', JSON.stringify(result));
    expect(text).toContain('ENV PASS=[REDACTED:value]');
    expect(text).toContain('ENV DB_PASS=[REDACTED:value]');
    expect(text).toContain('RUN mysql -uroot -p[REDACTED:value] -e');
    expect(text).toContain('RUN curl -u admin:[REDACTED:value] https://example.com/api');
    expect(text).toContain('[REDACTED:stripe-key] [REDACTED:openai-key]');
    expect(text).toContain('RUN echo TOKEN=${{ secrets.NPM_TOKEN }}');
    expect(text).toContain('ENV AFTER_KEY=visible-after-key');
    expect(text).toContain('RUN echo still-visible-too');
  });

  it('the log resource', async () => {
    const read = await harness.client.readResource({ uri: `ignite://builds/${buildId}/logs` });
    const text = read.contents.map((c) => ('text' in c ? c.text : '')).join('\n');
    expectClean('the log resource', text);
    expect(text).toContain('visible-after-key');
  });

  it("get_build's steps_not_executed, and the build resource", async () => {
    const result = await harness.call('get_build', { build_id: buildId });
    const { build } = result.structuredContent as { build: { status: string; steps_not_executed: string[] } };
    expect(build.status).toBe('SUCCEEDED');
    expect(build.steps_not_executed.join('\n')).toContain('mysql -uroot -p[REDACTED:value]');
    expectClean('get_build', JSON.stringify(result));
    expectClean('the build resource', JSON.stringify(await harness.client.readResource({ uri: `ignite://builds/${buildId}` })));
  });
});
