import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stopLocalIgnite } from '../helpers/daemon.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'doctor-tool-local-'));
afterAll(async () => {
  await stopLocalIgnite(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the doctor tool on the local Ignite', () => {
  it('names the engine of the local Ignite the server uses, and warns when another one is asked for', { timeout: 60_000 }, async () => {
    const first = await startServer({ dataDir });
    try {
      const { checks } = await first.call('doctor');
      expect(checks.find((check: { id: string }) => check.id === 'local.engine')).toMatchObject({
        status: 'warning',
        summary: expect.stringMatching(/^process engine: RUN steps are not executed/),
        fix: expect.stringMatching(/install podman/),
      });
    } finally {
      await first.close();
    }
    // A second server that asks for podman reaches the same local Ignite, which keeps its engine.
    const second = await startServer({ dataDir, env: { IGNITE_MCP_ENGINE: 'podman' } });
    try {
      const { checks } = await second.call('doctor');
      expect(checks.find((check: { id: string }) => check.id === 'local.engine')).toMatchObject({
        status: 'warning',
        summary: 'the running local Ignite uses process, but IGNITE_MCP_ENGINE asks for podman',
      });
    } finally {
      await second.close();
    }
  });
});
