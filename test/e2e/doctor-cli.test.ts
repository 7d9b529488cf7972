import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/bin.js';
import { podmanStore } from '../../src/local/engines/podman-store.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'doctor-cli-'));
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  // With podman here, `auto` probed a store for the data folder whose runtime folder lives apart.
  rmSync(path.dirname(podmanStore(path.join(home, 'data', 'engine')).runroot), { recursive: true, force: true });
});

function doctor(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [requireBuiltBin(), 'doctor', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: home, IGNITE_MCP_DATA_DIR: path.join(home, 'data'), ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('ignite-mcp doctor', () => {
  it('exits 0 on a healthy setup (the local Ignite) and ends with the verdict', () => {
    const run = doctor({}, '--allowed-root', home);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/contract: proto\/ matches the service's 3 services/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^(Nothing stands between this machine and a deploy\.|First to fix: )/);
  });

  it('exits 1 with JSON naming the failing step when the endpoint refuses', () => {
    const run = doctor({ IGNITE_API_ENDPOINT: '127.0.0.1:9' }, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: Array<{ id: string; status: string }>; firstToFix: { id: string } };
    expect(report.firstToFix.id).toBe('endpoint.tcp');
    expect(report.checks.find((check) => check.id === 'contract')?.status).toBe('skipped');
  });

  it('says which engine a local Ignite started now would use, and why', () => {
    const chosen = doctor({ IGNITE_MCP_ENGINE: 'process' }, '--json', '--allowed-root', home);
    const engine = (JSON.parse(chosen.stdout) as { checks: Array<{ id: string; status: string; summary: string }> }).checks.find(
      (check) => check.id === 'local.engine',
    );
    expect(engine, chosen.stdout).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/^process engine \(process engine chosen explicitly\): RUN steps are not executed/),
    });

    // An engine asked for by name that is not there is a problem the report names, with how to get it.
    const nodeOnly = path.dirname(process.execPath);
    const missing = doctor({ IGNITE_MCP_ENGINE: 'docker', PATH: nodeOnly }, '--allowed-root', home);
    expect(missing.code, missing.stdout).toBe(1);
    expect(missing.stdout).toMatch(
      /PROBLEM\s+local\.engine: the docker engine cannot be used: no docker command on PATH\n\s+-> Install docker/,
    );
  });

  it('reports a configuration that does not load instead of failing, with no secret in it', () => {
    const token = 'doctor-cli-canary-token-987654321';
    const run = doctor({ IGNITE_API_ENDPOINT: 'rpc.example.test:443', IGNITE_MCP_DEADLINE_MS: 'soon', DODIL_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/PROBLEM\s+config: IGNITE_MCP_DEADLINE_MS: must be a whole number of milliseconds/);
    expect(run.stdout + run.stderr).not.toContain(token);
  });
});
