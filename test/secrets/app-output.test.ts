/**
 * Issue 10: what an app prints or answers reaches people through the redactor. A body cut by
 * max_body_chars must not show the first characters of the configured token (it was scrubbed only
 * after the cut, when it was no longer whole), and the stderr lines quoted when an app fails to start,
 * and its output in debug logs, must not carry the credentials it printed, for a gRPC client of the
 * local Ignite as much as through MCP.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../src/shared/log.js';
import { startIgniteWithClients } from '../helpers/compute-client.js';
import { registerExampleImage } from '../helpers/fixture-image.js';
import { CANARY, startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('a response body cut by max_body_chars', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    const image = registerExampleImage(harness.local, { name: 'echo' });
    structured(await harness.call('configure_app', { app_name: 'echo', ports: [8080] }));
    structured(await harness.call('save_image_draft', { app_name: 'echo', image_ref: image.ref }));
  });
  afterAll(() => harness.close());

  // The app answers {"echo":"<payload>",…}: the token starts at character 9, so 21 cuts it after 12.
  const cutInsideToken = { payload: CANARY, path: '/', max_body_chars: 21 };

  it('test_draft shows none of the token', async () => {
    const result = structured<{ body: string; body_truncated: boolean }>(
      await harness.call('test_draft', { app_name: 'echo', ...cutInsideToken }),
    );
    expect(result.body_truncated).toBe(true);
    expect(result.body.startsWith('{"echo":"')).toBe(true);
    expect(result.body).not.toContain(CANARY.slice(0, 6));
  });

  it('invoke shows none of the token', async () => {
    structured(await harness.call('publish_draft', { app_name: 'echo' }));
    const result = structured<{ body: string }>(await harness.call('invoke', { app_name: 'echo', ...cutInsideToken }));
    expect(result.body.startsWith('{"echo":"')).toBe(true);
    expect(result.body).not.toContain(CANARY.slice(0, 6));
  });
});

describe("an app's own output, quoted by the local Ignite", () => {
  const PRINTS = [
    'DATABASE_URL=postgres://admin:S3cr3tP4ss@db.internal:5432/app',
    'DB_PASS=hunter2',
    `STRIPE_KEY=sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`,
  ];
  const LEAKS = ['S3cr3tP4ss', 'hunter2', '4eC39HqLyjWDarjtT1zdp7dc'];

  it('is redacted in the start failure a gRPC client gets and in debug logs, even with a logger that redacts nothing', async () => {
    const lines: string[] = [];
    // A logger that passes everything through, as an embedding program might inject.
    const raw: Logger = {
      debug: (message, fields) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
      info: (message) => void lines.push(message),
      warn: (message) => void lines.push(message),
      error: (message) => void lines.push(message),
      child: () => raw,
    };
    const env = await startIgniteWithClients({ limits: { appStartTimeoutMs: 5000 }, logger: raw });
    try {
      const script = `${PRINTS.map((line) => `console.error(${JSON.stringify(line)});`).join('')}console.log(${JSON.stringify(PRINTS[0])});setTimeout(() => process.exit(3), 200);`;
      const image = registerExampleImage(env.ignite, { name: 'leaky', config: { cmd: ['node', '-e', script] } });
      await env.compute('CreateApp', { name: 'leaky' });
      await env.compute('SaveDraft', { app_name: 'leaky', code: { image: { prebuilt: { image_ref: image.ref } } } });
      const failure = (await env.compute('TestDraft', { app_name: 'leaky' }).catch((err: unknown) => err)) as grpc.ServiceError;
      expect(failure.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(failure.details).toContain('Last stderr lines');
      expect(failure.details).toContain('postgres://admin:[REDACTED:url-password]@db.internal');
      for (const leak of LEAKS) expect(failure.details).not.toContain(leak);
      const logged = lines.join('\n');
      expect(logged).toContain('DB_PASS=[REDACTED:value]');
      for (const leak of LEAKS) expect(logged).not.toContain(leak);
    } finally {
      await env.close();
    }
  });
});
