import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:tls';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIgniteClient } from '../../src/client/client.js';
import { loadConfig } from '../../src/config/config.js';
import { runDoctor, type DoctorInputs } from '../../src/doctor/doctor.js';
import { formatReport, type DoctorReport } from '../../src/doctor/report.js';
import { startLocalIgnite, type LocalIgnite } from '../../src/local/server.js';

const TOKEN = 'doctor-test-token-0123456789';
const home = mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
let local: LocalIgnite;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  local = await startLocalIgnite({ requiredToken: TOKEN });
});
afterAll(async () => {
  for (const close of closers) await close();
  await local.close();
  rmSync(home, { recursive: true, force: true });
});

/** A JWT with the given claims; unsigned is enough, since only the server checks signatures. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

async function doctorOn(endpoint: string, env: Record<string, string>, extra: Partial<DoctorInputs> = {}): Promise<DoctorReport> {
  const config = loadConfig({
    env: { IGNITE_API_ENDPOINT: endpoint, IGNITE_MCP_DATA_DIR: path.join(home, 'data'), ...env },
    argv: [],
    homeDir: home,
    cwd: home,
  });
  const client = createIgniteClient({ endpoint, token: config.token, insecure: config.insecure, deadlineMs: 5000 });
  closers.push(() => client.close());
  return runDoctor({
    config,
    now: Date.now(),
    target: { endpoint, transport: client.transport },
    token: config.token,
    client,
    roots: { folders: [home], origin: 'test' },
    ...extra,
  });
}

const statusOf = (report: DoctorReport, id: string) => report.checks.find((check) => check.id === id)?.status;

describe('doctor', () => {
  it('finds nothing to fix against a healthy local Ignite, and says so last', async () => {
    const report = await doctorOn(local.endpoint, { DODIL_TOKEN: TOKEN });
    expect(report.checks.filter((check) => check.status === 'problem')).toEqual([]);
    expect(statusOf(report, 'endpoint.call')).toBe('ok');
    expect(statusOf(report, 'contract')).toBe('ok');
    expect(report.exitCode).toBe(0);
    expect(formatReport(report).split('\n').at(-1)).toBe('Nothing stands between this machine and a deploy.');
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it('without a token, the authenticated call is the problem, with what to set', async () => {
    const report = await doctorOn(local.endpoint, {});
    const call = report.checks.find((check) => check.id === 'endpoint.call')!;
    expect(call).toMatchObject({ status: 'problem' });
    expect(call.summary).toMatch(/UNAUTHENTICATED/);
    expect(call.fix).toMatch(/DODIL_TOKEN/);
    expect(report.exitCode).toBe(1);
    expect(formatReport(report).split('\n').at(-1)).toMatch(/^First to fix: endpoint\.call: .*DODIL_TOKEN/);
  });

  it('reports an expired JWT as a problem and one that expires within the hour as a warning', async () => {
    const expired = await doctorOn(local.endpoint, {
      DODIL_TOKEN: jwt({ exp: Math.floor(Date.now() / 1000) - 60, organization: { acme: { id: '7' } } }),
    });
    expect(expired.checks.find((check) => check.id === 'config.token')).toMatchObject({
      status: 'problem',
      summary: expect.stringMatching(/expired at .*organization claim "acme"/),
    });
    const soon = await doctorOn(local.endpoint, { DODIL_TOKEN: jwt({ exp: Math.floor(Date.now() / 1000) + 600 }) });
    expect(soon.checks.find((check) => check.id === 'config.token')).toMatchObject({
      status: 'warning',
      summary: expect.stringMatching(/expires in 10 min/),
    });
  });

  it('an endpoint that refuses connections stops at TCP, fast, and skips the contract', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createTlsServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const report = await doctorOn(`127.0.0.1:${closed}`, {});
    expect(report.checks.find((check) => check.id === 'endpoint.tcp')).toMatchObject({
      status: 'problem',
      summary: expect.stringMatching(/refused the connection \(ECONNREFUSED\)/),
    });
    expect(statusOf(report, 'contract')).toBe('skipped');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('names an untrusted (self-signed) TLS certificate, made for this test', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'doctor-tls-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=ignite.test',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    const server = createTlsServer({
      key: readFileSync(path.join(dir, 'key.pem')),
      cert: readFileSync(path.join(dir, 'cert.pem')),
      ALPNProtocols: ['h2'],
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    // A name, not a loopback address: TLS is only used off loopback (or it would be plaintext).
    const report = await doctorOn(
      `localhost.:${port}`,
      { DODIL_TOKEN: TOKEN },
      { target: { endpoint: `localhost:${port}`, transport: 'tls' } },
    );
    expect(report.checks.find((check) => check.id === 'endpoint.tls')).toMatchObject({
      status: 'problem',
      summary: 'the certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
  });

  it('says when the data folder cannot be used or written', async () => {
    const parent = path.join(home, 'a-file');
    writeFileSync(parent, 'not a folder');
    const underFile = await doctorWith(path.join(parent, 'data'), [home, path.join(home, 'gone')]);
    expect(underFile.checks.find((check) => check.id === 'local.data-dir')).toMatchObject({
      status: 'problem',
      summary: expect.stringMatching(/cannot be used as the data folder \(ENOTDIR\)/),
    });
    expect(underFile.checks.find((check) => check.id === 'local.allowed-roots')).toMatchObject({
      status: 'warning',
      summary: expect.stringMatching(/1 of 2 allowed folders exist/),
    });

    // Root writes through permission bits, so the folder is made immutable instead (chattr +i holds for root too).
    const locked = mkdtempSync(path.join(os.tmpdir(), 'doctor-locked-'));
    const immutable =
      process.getuid?.() === 0 ? spawnSync('chattr', ['+i', locked]).status === 0 : (execFileSync('chmod', ['500', locked]), true);
    closers.push(() => {
      if (process.getuid?.() === 0) spawnSync('chattr', ['-i', locked]);
      rmSync(locked, { recursive: true, force: true });
    });
    expect(immutable, 'chattr (e2fsprogs) is needed to make a folder root cannot write').toBe(true);
    const readOnly = await doctorWith(locked, [home]);
    expect(readOnly.checks.find((check) => check.id === 'local.data-dir')).toMatchObject({
      status: 'problem',
      summary: expect.stringMatching(/is not writable \((EPERM|EACCES)\)/),
    });
    expect(readOnly.exitCode).toBe(1);
  });
});

async function doctorWith(dataDir: string, roots: string[]): Promise<DoctorReport> {
  const config = loadConfig({ env: { IGNITE_MCP_DATA_DIR: dataDir }, argv: [], homeDir: home, cwd: home });
  const client = createIgniteClient({ endpoint: local.endpoint, token: TOKEN, insecure: true, deadlineMs: 5000 });
  closers.push(() => client.close());
  return runDoctor({
    config,
    now: Date.now(),
    target: { endpoint: local.endpoint, transport: 'plaintext' },
    token: TOKEN,
    client,
    roots: { folders: roots, origin: 'test' },
  });
}
