import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';

let harness: Harness;
let appDir: string;
beforeAll(async () => {
  harness = await startHarness();
  appDir = path.join(harness.workDir, 'example-app');
  cpSync(path.resolve('test/fixtures/example-app'), appDir, { recursive: true });
  writeFileSync(path.join(appDir, '.env'), 'API_KEY=do-not-ship-this\n');
});
afterAll(() => harness.close());

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('the BYOI workflow through MCP tools', () => {
  it('goes from a folder on disk to an invoked app', async () => {
    const plan = structured<{
      context_id: null;
      secret_files_left_out: string[];
      manifest: { dockerfile: { found: boolean }; fits_inline: boolean };
    }>(await harness.call('upload_context', { path: 'example-app', dry_run: true }));
    expect(plan.context_id).toBeNull();
    expect(plan.secret_files_left_out).toEqual(['.env']);
    expect(plan.manifest).toMatchObject({ dockerfile: { found: true }, fits_inline: true });

    const uploaded = structured<{ context_id: string; digest: string; path: string }>(
      await harness.call('upload_context', { path: appDir }),
    );
    expect(uploaded.context_id).toBeTruthy();
    expect(uploaded.path).toBe(appDir);

    await harness.call('configure_app', { app_name: 'workflow', ports: [8080] });
    const created = (await harness.call('create_build', { name: 'workflow', context_id: uploaded.context_id })) as CallToolResult;
    const { build_id } = structured<{ build_id: string }>(created);
    expect(created.content.filter((c) => c.type === 'resource_link').map((c) => (c as { uri: string }).uri)).toContain(
      `ignite://builds/${build_id}/logs`,
    );

    const finished = await harness.call('get_build', { build_id, wait_seconds: 40 });
    const done = structured<{ build: { status: string; image_refs: string[]; steps_not_executed: string[] }; next_step: string }>(finished);
    expect(done.build.status).toBe('SUCCEEDED');
    expect(done.next_step).toMatch(/^save_image_draft with build_id/);
    // The local Ignite skips RUN: the text must say so and what it means, not only "SUCCEEDED".
    expect(done.build.steps_not_executed).toEqual(['RUN npm ci --omit=dev']);
    expect(textOf(finished)).toMatch(/warning: 1 Dockerfile step was not executed \(RUN npm ci --omit=dev\): .*missing from the image/);

    const saved = structured<{ ready: boolean; source_kind: string; draft: { image_ref: string } }>(
      await harness.call('save_image_draft', { app_name: 'workflow', build_id }),
    );
    expect(saved).toMatchObject({ ready: true, source_kind: 'build', draft: { image_ref: done.build.image_refs[0] } });

    const tested = structured<{ status_code: number; body: string }>(
      await harness.call('test_draft', { app_name: 'workflow', payload: { step: 'test' } }),
    );
    expect(tested.status_code).toBe(200);
    const published = structured<{ version: number }>(await harness.call('publish_draft', { app_name: 'workflow' }));
    expect(published.version).toBe(1);
    const invoked = structured<{ status_code: number; body: string }>(
      await harness.call('invoke', { app_name: 'workflow', payload: { step: 'invoke' } }),
    );
    expect(JSON.parse(invoked.body)).toMatchObject({ echo: { step: 'invoke' } });
  });

  it('builds straight from a folder (sent inline) and drafts from code', async () => {
    const created = structured<{ build_id: string; source: { kind: string; secret_files_left_out: string[] } }>(
      await harness.call('create_build', { name: 'inline-app', path: appDir }),
    );
    expect(created.source).toMatchObject({ kind: 'inline', secret_files_left_out: ['.env'] });
    await harness.call('configure_app', { app_name: 'from-code', ports: [8080] });
    const savedResult = await harness.call('save_image_draft', { app_name: 'from-code', path: appDir });
    const saved = structured<{ ready: boolean; source_kind: string; draft: { build_id: string }; secret_files_left_out: string[] }>(
      savedResult,
    );
    expect(saved).toMatchObject({ ready: false, source_kind: 'from_code', secret_files_left_out: ['.env'] });
    expect(textOf(savedResult)).toContain('secret-shaped files left out: .env');
    const built = structured<{ build: { status: string }; next_step: string }>(
      await harness.call('get_build', { build_id: saved.draft.build_id, wait_seconds: 40 }),
    );
    expect(built.build.status).toBe('SUCCEEDED');
    // The draft takes the image by itself: saving it again from the build_id is not the next step.
    expect(built.next_step).toMatch(/^test_draft for "from-code"/);
    const draft = structured<{ ready: boolean }>(await harness.call('get_draft', { app_name: 'from-code' }));
    expect(draft.ready).toBe(true);
  });

  it('uploads a context over 4 MB in chunks when building from a large folder', async () => {
    const big = path.join(harness.workDir, 'big-app');
    cpSync(appDir, big, { recursive: true });
    mkdirSync(path.join(big, 'assets'));
    writeFileSync(
      path.join(big, 'assets', 'blob.bin'),
      Buffer.from(Array.from({ length: 6 * 1024 * 1024 }, () => Math.floor(Math.random() * 256))),
    );
    const progress: number[] = [];
    const result = (await harness.client.callTool({ name: 'create_build', arguments: { name: 'big-app', path: big } }, undefined, {
      onprogress: (p) => void progress.push(p.progress),
    })) as CallToolResult;
    const created = structured<{ build_id: string; source: { kind: string; packed_bytes: number } }>(result);
    expect(created.source.kind).toBe('uploaded');
    expect(created.source.packed_bytes).toBeGreaterThan(6 * 1024 * 1024);
    expect(progress.length).toBeGreaterThan(5);
    const done = structured<{ build: { status: string } }>(
      await harness.call('get_build', { build_id: created.build_id, wait_seconds: 40 }),
    );
    expect(done.build.status).toBe('SUCCEEDED');
  });

  it('refuses bad sources with a clear next step', async () => {
    const outside = await harness.call('upload_context', { path: os.tmpdir() });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/outside the allowed folders/);
    expect(textOf(outside)).toContain(harness.workDir);

    const two = await harness.call('create_build', { name: 'x', path: appDir, git_url: 'file:///nowhere' });
    expect(textOf(two)).toMatch(/exactly one source/);
    const none = await harness.call('save_image_draft', { app_name: 'workflow' });
    expect(textOf(none)).toMatch(/exactly one source/);
    const misplaced = await harness.call('save_image_draft', { app_name: 'workflow', image_ref: 'ghcr.io/a/b:1', secret_ref: 'gh' });
    expect(textOf(misplaced)).toMatch(/do not apply/);

    const noDockerfile = path.join(harness.workDir, 'no-dockerfile');
    mkdirSync(noDockerfile);
    writeFileSync(path.join(noDockerfile, 'index.js'), '');
    const missing = await harness.call('create_build', { name: 'x', path: noDockerfile });
    expect(textOf(missing)).toMatch(/no Dockerfile/);

    const brokenDir = path.join(harness.workDir, 'broken');
    mkdirSync(brokenDir);
    writeFileSync(path.join(brokenDir, 'Dockerfile'), 'FROM scratch\nCOPY missing.txt /\n');
    const failed = structured<{ build_id: string }>(await harness.call('create_build', { name: 'broken', path: brokenDir, tags: ['v1'] }));
    const notReady = await harness.call('save_image_draft', { app_name: 'workflow', build_id: failed.build_id });
    expect(notReady.isError).toBe(true);
    expect(textOf(notReady)).toMatch(/only a SUCCEEDED build has an image/);
  });
});
