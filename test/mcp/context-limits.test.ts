import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ env: { IGNITE_MCP_MAX_CONTEXT_FILES: '20', IGNITE_MCP_MAX_CONTEXT_BYTES: String(1024 * 1024) } });
});
afterAll(() => harness.close());

describe('configured context limits', () => {
  it('refuse a folder over the byte limit, naming the largest files and the .dockerignore line to add', async () => {
    const dir = path.join(harness.workDir, 'heavy');
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY . /\n');
    writeFileSync(path.join(dir, 'data', 'big.bin'), Buffer.alloc(2 * 1024 * 1024, 1));
    for (const tool of ['upload_context', 'create_build']) {
      const result = await harness.call(tool, tool === 'create_build' ? { name: 'heavy', path: dir } : { path: dir, dry_run: true });
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toContain('data/big.bin');
      expect(textOf(result)).toMatch(/\.dockerignore/);
    }
  });

  it('refuse a folder over the file-count limit', async () => {
    const dir = path.join(harness.workDir, 'many');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, `f${i}.txt`), 'x');
    const result = await harness.call('upload_context', { path: dir });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/files/);
  });

  it('a malformed limit is a configuration error that names the variable', () => {
    expect(() => loadConfig({ env: { IGNITE_MCP_MAX_CONTEXT_BYTES: 'lots' }, argv: [], homeDir: os.tmpdir() })).toThrow(
      /IGNITE_MCP_MAX_CONTEXT_BYTES/,
    );
  });
});
