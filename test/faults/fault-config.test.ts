import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runLocalCommand, type LocalCommandEnv } from '../../src/cli/local.js';
import { parseLocalArgs } from '../../src/cli/local-options.js';
import { loadConfig } from '../../src/config/config.js';
import { createIgniteClient } from '../../src/client/client.js';
import { IgniteError } from '../../src/client/ignite-error.js';
import { UserError } from '../../src/shared/errors.js';
import { silentLogger } from '../../src/shared/log.js';
import { parseFaultConfig } from '../../src/local/faults/config.js';
import type { LocalIgnite } from '../../src/local/server.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ignite-faults-'));
const started: Array<{ close(): Promise<void> }> = [];
/** What `ignite-mcp local` printed for the person who started it (kept out of the test run's own output). */
const banners: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((local) => local.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runLocal(argv: string[], env: LocalCommandEnv): Promise<LocalIgnite> {
  const config = loadConfig({ env: {}, argv: [], homeDir: dir, cwd: dir });
  // The command greets its user on stderr; captured, so it lands here and not in the middle of vitest's report.
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    banners.push(String(chunk));
    return true;
  });
  try {
    const run = await runLocalCommand(parseLocalArgs(['--port', '0', '--memory', '--no-token', ...argv]), config, silentLogger, env);
    started.push(run);
    return run.local;
  } finally {
    write.mockRestore();
  }
}

function configError(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a configuration error');
}

describe('IGNITE_LOCAL_FAULTS and --faults', () => {
  it('parses every kind of rule, with status codes by name or number and times optional', () => {
    const rules = parseFaultConfig(
      JSON.stringify([
        { method: 'GetBuild', fault: 'fail', code: 'UNAVAILABLE', times: 2 },
        { method: 'ListApps', fault: 'fail', code: 8, message: 'quota' },
        { method: 'StreamBuildLogs', fault: 'cut', afterMessages: 5 },
        { method: '*', fault: 'latency', ms: 50 },
        { method: 'GetDraftInfo', fault: 'drop', times: 1 },
      ]),
      'IGNITE_LOCAL_FAULTS',
    );
    expect(rules).toEqual([
      { method: 'GetBuild', fault: 'fail', code: grpc.status.UNAVAILABLE, times: 2 },
      { method: 'ListApps', fault: 'fail', code: grpc.status.RESOURCE_EXHAUSTED, message: 'quota' },
      { method: 'StreamBuildLogs', fault: 'cut', afterMessages: 5 },
      { method: '*', fault: 'latency', ms: 50 },
      { method: 'GetDraftInfo', fault: 'drop', times: 1 },
    ]);
  });

  it('rejects invalid JSON and invalid rules with one error that names the source, the rule and the field', () => {
    expect(configError(() => parseFaultConfig('[{"method":', 'IGNITE_LOCAL_FAULTS')).message).toMatch(
      /^IGNITE_LOCAL_FAULTS is not valid JSON: /,
    );
    const bad = configError(() =>
      parseFaultConfig(
        '[{"method":"GetBuilds","fault":"fail","code":"NOPE"},{"method":"GetBuild","fault":"cut","afterMessages":-1,"extra":1}]',
        'IGNITE_LOCAL_FAULTS',
      ),
    );
    expect(bad.message).toMatch(/^IGNITE_LOCAL_FAULTS is not a valid fault configuration: /);
    expect(bad.message).toContain('rules[0].method: expected an Ignite method name');
    expect(bad.message).toContain('rules[0].code: expected a gRPC status name');
    expect(bad.message).toContain('rules[1].afterMessages');
    expect(bad.message).toContain('Unrecognized key: "extra"');
    expect(bad.hint).toContain('"fault": "fail" | "cut" | "latency" | "drop"');
    expect(configError(() => parseFaultConfig('[{"method":"GetBuild","fault":"explode"}]', 'x')).message).toMatch(
      /rules\[0\]\.fault: .*'fail' \| 'cut' \| 'latency' \| 'drop'/,
    );
    expect(configError(() => parseFaultConfig('{"rules":[]}', 'x')).message).toMatch(/rules: .*expected array/);
    expect(configError(() => parseFaultConfig('[{"method":"GetBuild","fault":"fail","code":"OK"}]', 'x')).message).toContain(
      'rules[0].code',
    );
  });

  it('ignite-mcp local applies the rules from IGNITE_LOCAL_FAULTS', async () => {
    const local = await runLocal([], {
      faults: '[{"method":"CreateBuild","fault":"fail","code":"PERMISSION_DENIED","message":"injected"}]',
    });
    const client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: 2_000 });
    const err = await client.createBuild({ name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IgniteError);
    expect((err as IgniteError).message).toBe('CreateBuild failed: PERMISSION_DENIED: injected');
    expect(local.faults.calls('CreateBuild')).toBe(1);
    expect(banners.join('')).toContain(`try: grpcurl -plaintext ${local.endpoint} list`);
    client.close();
  });

  it('--faults <file> wins over the environment; a bad value stops the start with a clear error', async () => {
    const file = path.join(dir, 'faults.json');
    writeFileSync(file, '[{"method":"HealthCheck","fault":"fail","code":"UNAVAILABLE","times":1}]');
    expect(parseLocalArgs(['--faults', file]).faults).toBe(file);
    const local = await runLocal(['--faults', file], { faults: 'not json' });
    const client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: 2_000 });
    await client.healthCheck({});
    expect(local.faults.calls('HealthCheck')).toBe(2);
    client.close();

    await expect(runLocal([], { faults: '{oops' })).rejects.toThrow(/^IGNITE_LOCAL_FAULTS is not valid JSON/);
    await expect(runLocal(['--faults', path.join(dir, 'missing.json')], {})).rejects.toThrow(
      /cannot read --faults .*missing\.json: ENOENT/,
    );
    writeFileSync(file, '[{"method":"Nope","fault":"drop"}]');
    await expect(runLocal([`--faults=${file}`], {})).rejects.toThrow(
      /--faults .*faults\.json is not a valid fault configuration: rules\[0\]\.method/,
    );
  });
});
