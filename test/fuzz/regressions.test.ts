import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';
import { makeNastyPaths } from './hostile-values.js';

/** Inputs the fuzzers found mishandled, kept as plain examples so they stay fixed. */
let harness: Harness;
let nasty: string[];
const at = (suffix: string) => nasty.find((candidate) => candidate.endsWith(suffix))!;

beforeAll(async () => {
  harness = await startHarness();
  nasty = makeNastyPaths(harness.workDir);
});
afterAll(() => harness.close());

describe('paths inside a context that point outside it', () => {
  it.each([
    ['dockerfile', { dockerfile: '/etc/passwd' }],
    ['dockerfile', { dockerfile: '../outside/Dockerfile' }],
    ['include_secret_files', { include_secret_files: ['../../.env'] }],
  ])('%s outside the context is refused with a plain reason (%j)', async (_field, extra) => {
    const app = path.join(harness.workDir, 'inside-app');
    cpSync(path.resolve('test/fixtures/example-app'), app, { recursive: true });
    for (const [tool, args] of [
      ['upload_context', { path: app, dry_run: true, ...extra }],
      ['upload_context', { path: app, ...extra }],
      ['create_build', { name: 'x', path: app, ...extra }],
    ] as const) {
      const result = await harness.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(/inside the context folder/);
      expect(textOf(result)).not.toMatch(/unexpected/);
    }
  });
});

describe('Dockerfile names with control characters', () => {
  it.each(['\u0000', 'Docker\nfile'])('dockerfile %j is refused as a bad argument, not as an unexpected error', async (dockerfile) => {
    const app = path.join(harness.workDir, 'nul-app');
    cpSync(path.resolve('test/fixtures/example-app'), app, { recursive: true });
    for (const [tool, args] of [
      ['upload_context', { path: app, dockerfile }],
      ['upload_context', { path: app, dockerfile, dry_run: true }],
      ['create_build', { name: 'x', path: app, dockerfile }],
    ] as const) {
      const result = await harness.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(/control characters/);
      expect(textOf(result)).not.toMatch(/unexpected/);
    }
  });
});

describe('git sources that are not URLs', () => {
  it.each(['file:///nonexistent/% ', 'file://%', '   '])(
    'git_url %j is refused as unusable, not as an unexpected error',
    async (git_url) => {
      for (const [tool, args] of [
        ['create_build', { name: 'fuzz-app', git_url }],
        ['save_image_draft', { app_name: 'fuzz-app', git_url }],
      ] as const) {
        const result = await harness.call(tool, args);
        expect(result.isError, tool).toBe(true);
        expect(textOf(result)).not.toMatch(/unexpected/);
      }
    },
  );
});

describe('context paths that are not folders', () => {
  it('a dry run of an existing archive describes the archive', async () => {
    const app = path.join(harness.workDir, 'app');
    cpSync(path.resolve('test/fixtures/example-app'), app, { recursive: true });
    writeFileSync(`${app}.tar.gz`, await packDirectory(app));
    const result = await harness.call('upload_context', { path: `${app}.tar.gz`, dry_run: true });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ context_id: null, format: 'tar.gz', manifest: null, file_count: 5 });
    expect(textOf(result)).toMatch(/dry run of the archive .*app\.tar\.gz: 5 entries/);
  });

  it.each([
    ['a FIFO', 'ctx/pipe'],
    ['a FIFO named like an archive', 'pipe.tar.gz'],
    ['a plain file', 'ctx/Dockerfile'],
  ])('%s is refused with a plain reason, for a dry run and a build', async (_what, suffix) => {
    for (const [tool, args] of [
      ['upload_context', { path: at(suffix), dry_run: true }],
      ['create_build', { name: 'x', path: at(suffix) }],
    ] as const) {
      const result = await harness.call(tool, args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/cannot read .*: it is not a folder/);
      expect(textOf(result)).not.toMatch(/unexpected error|ENOTDIR/);
    }
  });

  it.each(['""', ' ', 'file://remote-host/share/x'])('%j is not a usable path', async (given) => {
    const result = await harness.call('upload_context', { path: given, dry_run: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^not a usable path/);
  });
});

describe('invoke and test_draft requests a server cannot send as they are', () => {
  beforeAll(async () => {
    const { build_id } = await harness.runtime.deps.client.createBuild({
      name: 'unsendable',
      zipped_code: await packDirectory(path.resolve('test/fixtures/example-app')),
    });
    await harness.call('get_build', { build_id, wait_seconds: 30 });
    await harness.call('configure_app', { app_name: 'unsendable', ports: [8080] });
    await harness.call('save_image_draft', { app_name: 'unsendable', build_id });
    await harness.call('publish_draft', { app_name: 'unsendable' });
  });

  it.each([
    ['a non-ASCII path', { path: '/caf\u00e9' }, /http\.path .* must start with "\/" and be URL-encoded/],
    ['a non-ASCII query', { query: 'q=\u{1F600}' }, /http\.query must be URL-encoded/],
    ['a header value beyond Latin-1', { headers: { 'x-note': '\u{1F600}' } }, /value of x-note has characters a header cannot carry/],
  ])('%s is INVALID_ARGUMENT, not an unavailable app', async (_what, request, message) => {
    for (const tool of ['invoke', 'test_draft']) {
      const result = await harness.call(tool, { app_name: 'unsendable', ...request });
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(/INVALID_ARGUMENT/);
      expect(textOf(result)).toMatch(message);
    }
  });
});

describe('configure_app with no settings', () => {
  it('shows an existing app as it is instead of failing on an empty update', async () => {
    await harness.call('configure_app', { app_name: 'looked-at', ports: [8080] });
    const result = await harness.call('configure_app', { app_name: 'looked-at' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ created: false, app: { ports: [8080] } });
    expect(textOf(result)).toMatch(/unchanged/);
  });
});

describe('build resources', () => {
  it.each([
    ['malformed percent-encoding', 'ignite://builds/%E0%A4%A/logs', -32602, /percent-encoding is malformed/],
    ['an unknown build', 'ignite://builds/no-such-build', -32602, /GetBuild failed: NOT_FOUND/],
    ['an unknown build log', 'ignite://builds/no-such-build/logs?after=2', -32602, /NOT_FOUND[\s\S]*list_builds/],
  ])('%s is a JSON-RPC error with a JSON-RPC code and a plain message', async (_what, uri, code, message) => {
    const failure = await harness.client.readResource({ uri }).then(
      () => undefined,
      (err: unknown) => err as { code: number; message: string },
    );
    expect(failure?.code).toBe(code);
    expect(failure?.message).toMatch(message);
  });

  it('a subscription to a malformed URI is refused as invalid params', async () => {
    await expect(harness.client.subscribeResource({ uri: 'ignite://builds/%E0%A4%A/logs' })).rejects.toMatchObject({ code: -32602 });
  });
});
