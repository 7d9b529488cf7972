/**
 * Keeps bench/ from rotting: the built runner runs every benchmark in quick mode (tiny sizes, a
 * few iterations) and must produce a well-formed report. It never asserts a time or a ratio's
 * value; speed is measured by `npm run bench`, not by tests on a shared machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/report.js';

const RUNNER = path.resolve('dist/bench/run.js');
const SECTIONS = ['cold-start', 'tool-overhead', 'log-streaming', 'pack-upload', 'http-transport', 'containers'];
/** The container section may be unavailable without podman, except where CI requires an engine. */
const ENGINE_REQUIRED = process.env.CI === 'true' || process.env.IGNITE_TEST_REQUIRE_ENGINE === '1';
let work: string;

beforeAll(() => {
  if (!existsSync(RUNNER)) throw new Error('dist/bench/run.js is missing: run `npm run build` first (npm test does)');
  work = mkdtempSync(path.join(os.tmpdir(), 'ignite-bench-test-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runQuick(): Promise<{ code: number; stderr: string }> {
  const args = [RUNNER, '--quick', '--out', path.join(work, 'BENCHMARKS.md'), '--json', path.join(work, 'results.json')];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 220_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err.code as number) ?? 1) : 0, stderr }),
    );
  });
}

describe('bench/ in quick mode', () => {
  it('runs every benchmark and writes a well-formed report', { timeout: 240_000 }, async () => {
    const { code, stderr } = await runQuick();
    expect(code, stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(work, 'results.json'), 'utf8')) as BenchReport;

    expect(report.mode).toBe('quick');
    expect(Number.isNaN(Date.parse(report.date))).toBe(false);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.sections.map((section) => section.id)).toEqual(SECTIONS);
    for (const section of report.sections) {
      // Only the packing bench may be missing (another file, which may not be there yet), and the
      // container bench on a machine without podman.
      if (section.unavailable)
        expect(section.unavailable, section.id).toMatch(
          ENGINE_REQUIRED ? /pack bench not available/ : /pack bench not available|no container engine/,
        );
      if (section.id === 'containers' && section.unavailable) continue;
      expect(section.unavailable ?? '', section.id).not.toMatch(/^failed/);
      expect(section.figures.length, section.id).toBeGreaterThan(0);
      expect(section.method.length, section.id).toBeGreaterThan(0);
      for (const figure of section.figures) {
        for (const value of [figure.ours, figure.baseline, figure.ratio]) {
          expect(Number.isFinite(value) && value > 0, `${figure.label}: ${value}`).toBe(true);
        }
        expect(figure.target.length).toBeGreaterThan(0);
        expect([true, false, null]).toContain(figure.met);
      }
      for (const table of section.tables) {
        for (const row of table.rows) expect(row.length, table.caption).toBe(table.headers.length);
      }
    }

    const markdown = readFileSync(path.join(work, 'BENCHMARKS.md'), 'utf8');
    expect(markdown).toMatch(/quick mode/);
    expect(markdown).toContain(report.machine.cpu);
    for (const title of ['Cold start', 'Tool-call overhead', 'Log streaming', 'Packing and upload', 'Container engine'])
      expect(markdown).toContain(title);
  });
});
