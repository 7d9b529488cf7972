import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, textOf, type Harness } from '../helpers/mcp-harness.js';
import { packDirectory } from '../helpers/pack-dir.js';

const EXAMPLE_APP = path.resolve('test/fixtures/example-app');

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ local: { limits: { buildStepDelayMs: 40 } } });
});
afterAll(() => harness.close());

async function startBuild(dir: string, name: string): Promise<string> {
  const { build_id } = await harness.runtime.deps.client.createBuild({ name, zipped_code: await packDirectory(dir) });
  return build_id;
}

/** Contexts live in the harness's folder, which close() removes: nothing is left in the temp directory. */
function failingContext(): string {
  const dir = mkdtempSync(path.join(harness.workDir, 'failing-ctx-'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM node:20-alpine\nWORKDIR /app\nCOPY present.txt ./\nCOPY missing.txt ./\nCMD ["node", "x.js"]\n',
  );
  writeFileSync(path.join(dir, 'present.txt'), 'here\n');
  return dir;
}

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

describe('get_build', () => {
  it('waits for the end, sends progress while waiting, and reports the image', async () => {
    const buildId = await startBuild(EXAMPLE_APP, 'example-app');
    const progress: number[] = [];
    const result = (await harness.client.callTool({ name: 'get_build', arguments: { build_id: buildId, wait_seconds: 30 } }, undefined, {
      onprogress: (p) => void progress.push(p.progress),
    })) as CallToolResult;
    const out = structured<{
      build: { status: string; terminal: boolean; image_refs: string[]; steps_not_executed: string[] };
      failure: unknown;
    }>(result);
    expect(out.build).toMatchObject({ status: 'SUCCEEDED', terminal: true });
    expect(out.build.image_refs[0]).toBe('localhost/local/example-app:latest');
    expect(out.build.steps_not_executed.some((step) => step.includes('npm ci'))).toBe(true);
    expect(out.failure).toBeNull();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('returns at once without wait_seconds, and a failed build carries the first error line', async () => {
    const buildId = await startBuild(failingContext(), 'failing');
    const first = structured<{ build: { terminal: boolean } }>(await harness.call('get_build', { build_id: buildId }));
    expect(first.build.terminal).toBe(false);
    const done = structured<{
      build: { status: string };
      failure: { first_error_line: string; first_error_seq: number; log_range: { from_seq: number; to_seq: number } };
    }>(await harness.call('get_build', { build_id: buildId, wait_seconds: 30 }));
    expect(done.build.status).toBe('FAILED');
    expect(done.failure.first_error_line).toContain('missing.txt');
    expect(done.failure.log_range.from_seq).toBeLessThanOrEqual(done.failure.first_error_seq);
    expect(done.failure.log_range.to_seq).toBeGreaterThanOrEqual(done.failure.first_error_seq);
  });

  it('an unknown build id is an isError result with a hint, and bad ids are refused before any call', async () => {
    const unknown = await harness.call('get_build', { build_id: 'no-such-build' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/NOT_FOUND/);
    expect(textOf(unknown)).toMatch(/What to do:/);
    const bad = await harness.call('get_build', { build_id: '../etc/passwd' });
    expect(bad.isError).toBe(true);
    const tooLong = await harness.call('get_build', { build_id: 'b', wait_seconds: 51 });
    expect(tooLong.isError).toBe(true);
  });
});

describe('read_build_logs', () => {
  it('reads with a cursor, every line exactly once, and tail and errors modes', async () => {
    const buildId = await startBuild(failingContext(), 'failing-logs');
    await harness.call('get_build', { build_id: buildId, wait_seconds: 30 });
    const seen: number[] = [];
    let cursor = 0;
    for (let round = 0; round < 50; round++) {
      const page = structured<{ lines: { seq: number }[]; next_cursor: number; complete: boolean; omitted_lines: number }>(
        await harness.call('read_build_logs', { build_id: buildId, cursor, max_lines: 3 }),
      );
      seen.push(...page.lines.map((line) => line.seq));
      cursor = page.next_cursor;
      if (page.complete) break;
      expect(page.omitted_lines).toBeGreaterThan(0);
    }
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    const tail = structured<{ lines: { seq: number }[]; last_seq: number; omitted_lines: number }>(
      await harness.call('read_build_logs', { build_id: buildId, mode: 'tail', max_lines: 2 }),
    );
    expect(tail.lines.map((line) => line.seq)).toEqual([tail.last_seq - 1, tail.last_seq]);
    expect(tail.omitted_lines).toBe(tail.last_seq - 2);
    const errors = structured<{ first_error: { text: string } | null; lines: { text: string }[] }>(
      await harness.call('read_build_logs', { build_id: buildId, mode: 'errors' }),
    );
    expect(errors.first_error?.text).toContain('missing.txt');
  });

  it('keeps within the byte budget and says what it left out', async () => {
    const buildId = await startBuild(EXAMPLE_APP, 'budget');
    await harness.call('get_build', { build_id: buildId, wait_seconds: 30 });
    const page = structured<{ lines: { text: string }[]; omitted_lines: number; last_seq: number }>(
      await harness.call('read_build_logs', { build_id: buildId, max_bytes: 256 }),
    );
    expect(page.lines.length).toBeGreaterThan(0);
    expect(page.lines.length).toBeLessThan(page.last_seq);
    expect(page.omitted_lines).toBe(page.last_seq - page.lines.length);
  });
});

describe('list_builds and cancel_build', () => {
  it('lists newest first with a cursor and filters by status', async () => {
    const first = await startBuild(EXAMPLE_APP, 'listed');
    const second = await startBuild(EXAMPLE_APP, 'listed');
    const page = structured<{ builds: { build_id: string }[]; next_cursor: string | null }>(
      await harness.call('list_builds', { name: 'listed', limit: 1 }),
    );
    expect(page.builds.map((b) => b.build_id)).toEqual([second]);
    expect(page.next_cursor).not.toBeNull();
    const next = structured<{ builds: { build_id: string }[] }>(
      await harness.call('list_builds', { name: 'listed', limit: 1, cursor: page.next_cursor }),
    );
    expect(next.builds.map((b) => b.build_id)).toEqual([first]);
    await harness.call('get_build', { build_id: first, wait_seconds: 30 });
    await harness.call('get_build', { build_id: second, wait_seconds: 30 });
    const failed = structured<{ builds: { status: string }[] }>(await harness.call('list_builds', { status: 'FAILED' }));
    for (const build of failed.builds) expect(build.status).toBe('FAILED');
  });

  it('cancels a running build, and refuses to cancel a finished one', async () => {
    const dir = mkdtempSync(path.join(harness.workDir, 'slow-ctx-'));
    const steps = Array.from({ length: 40 }, (_, i) => `ENV STEP${i}=${i}`).join('\n');
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM scratch\n${steps}\nCMD ["x"]\n`);
    mkdirSync(path.join(dir, 'sub'));
    const buildId = await startBuild(dir, 'slow');
    const cancelled = structured<{ build: { status: string } }>(await harness.call('cancel_build', { build_id: buildId }));
    expect(cancelled.build.status).toBe('CANCELLED');
    const again = await harness.call('cancel_build', { build_id: buildId });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/FAILED_PRECONDITION|CANCELLED/);
    expect(textOf(again)).toContain('What to do: Nothing to cancel: the build has ended');
  });
});
