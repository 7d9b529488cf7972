import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startHttpServer, type RunningHttpServer } from '../../src/mcp/http/http-server.js';
import { startRuntime } from '../../src/mcp/runtime.js';
import { createServer } from '../../src/mcp/server.js';
import { silentLogger } from '../../src/shared/log.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';
import { packDirectory } from '../helpers/pack-dir.js';
import { createIgniteClient } from '../../src/client/client.js';
import { isTerminalBuildStatus } from '../../src/contract/build-status.js';

const TOKEN = 'resume-test-token-0123456789';
const home = mkdtempSync(path.join(os.tmpdir(), 'http-resume-'));
let local: LocalIgnite;
let http: RunningHttpServer;

beforeAll(async () => {
  // Slow steps, so the build is still logging while the client is away.
  local = await startLocalIgnite({ limits: { buildStepDelayMs: 60 } });
  const config = loadConfig({ env: { IGNITE_API_ENDPOINT: local.endpoint }, argv: [], homeDir: home, cwd: home });
  http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    tokens: [TOKEN],
    perUserTokens: false,
    logger: silentLogger,
    createSession: async () => {
      const runtime = await startRuntime({ config, logger: silentLogger, cwd: home });
      return { mcp: createServer(runtime.deps), close: () => runtime.close() };
    },
  });
});
afterAll(async () => {
  await http.close();
  await local.close();
  rmSync(home, { recursive: true, force: true });
});

const headers = (session?: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${TOKEN}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
  ...(session ? { 'mcp-session-id': session } : {}),
  ...extra,
});

let nextId = 1;
async function rpc(session: string | undefined, method: string, params: unknown): Promise<{ session: string; body: string }> {
  const isNotification = method.startsWith('notifications/');
  const response = await fetch(http.url, {
    method: 'POST',
    headers: headers(session),
    body: JSON.stringify({ jsonrpc: '2.0', method, params, ...(isNotification ? {} : { id: nextId++ }) }),
  });
  return { session: response.headers.get('mcp-session-id') ?? session ?? '', body: await response.text() };
}

interface SseEvent {
  id: string;
  data: string;
}

/**
 * Reads the session's standalone SSE stream (resuming after `lastEventId`) until `enough` says stop
 * or `quietMs` pass without an event, then drops the connection.
 */
async function readStream(
  session: string,
  lastEventId: string | undefined,
  enough: (events: SseEvent[]) => boolean,
  quietMs = 60_000,
): Promise<SseEvent[]> {
  const controller = new AbortController();
  let quiet: NodeJS.Timeout = setTimeout(() => controller.abort(), quietMs);
  const response = await fetch(http.url, {
    headers: headers(session, { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const events: SseEvent[] = [];
  const reader = response.body!.getReader();
  let buffer = '';
  try {
    while (!enough(events)) {
      const chunk = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (chunk.done) break;
      const value = chunk.value;
      clearTimeout(quiet);
      quiet = setTimeout(() => controller.abort(), quietMs);
      buffer += Buffer.from(value).toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
        if (id && data.trim()) events.push({ id, data });
      }
    }
  } finally {
    clearTimeout(quiet);
    controller.abort();
  }
  return events;
}

describe('a dropped HTTP event stream', () => {
  it('resumes with Last-Event-ID: every notification the client missed arrives, none twice, in order', async () => {
    const { session } = await rpc(undefined, 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'resume', version: '1' },
    });
    await rpc(session, 'notifications/initialized', {});
    const ignite = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: 10_000 });
    const { build_id } = await ignite.createBuild({
      name: 'resume',
      zipped_code: await packDirectory(path.resolve('test/fixtures/example-app')),
    });
    let ended = false;
    const finished = (async () => {
      for (;;) {
        const { build } = await ignite.getBuild({ build_id });
        if (build && isTerminalBuildStatus(build.status)) return (ended = true);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await rpc(session, 'resources/subscribe', { uri: `ignite://builds/${build_id}/logs` });
    const before = await readStream(session, undefined, (events) => events.length >= 2);
    // Away while the build logs on: its updates are kept for the session, not lost.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ended, 'the build must still be running when the client comes back, or nothing was missed').toBe(false);
    // After the build ends nothing more is sent; a quiet second then means the stream has said it all.
    const after = await readStream(session, before.at(-1)!.id, () => false, 1000);
    await finished;
    ignite.close();
    const ids = [...before, ...after].map((event) => event.id);
    const [stream] = ids[0]!.split('-');
    expect(ids.every((id) => id.startsWith(`${stream}-`))).toBe(true);
    const seqs = ids.map((id) => Number(id.split('-')[1]));
    expect(new Set(seqs).size).toBe(seqs.length);
    // Consecutive: nothing sent while the client was away was skipped on the way back.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    expect(after.length).toBeGreaterThan(0);
  });
});
