/**
 * The processes a benchmark runs: the built ignite-mcp binary, a local Ignite on loopback, the
 * two together as a rig, and the baseline MCP servers. Everything runs from dist/ (the bench is
 * compiled with the project), so each process is what a user would start.
 *
 *   node dist/bench/processes.js --local-ignite '<limits JSON>'   a local Ignite with test limits
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIgniteClient, type IgniteClient } from '../src/client/client.js';
import { McpStdio } from './mcp-stdio.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(DIST, 'bundle', 'ignite-mcp.js');
const SELF = path.join(DIST, 'bench', 'processes.js');

/** The bin script of an installed package (the baselines have no `main` to resolve). */
export function packageBin(name: string): string {
  const manifestPath = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> | string };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0]!;
  return path.join(path.dirname(manifestPath), bin);
}

/** The environment without the user's Ignite settings, so their config cannot change what is measured. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(IGNITE_|DODIL_)/.test(key)) env[key] = value;
  }
  // The process engine: these benchmarks measure the MCP side, not container start-up.
  return { ...env, IGNITE_MCP_LOG_LEVEL: 'warn', IGNITE_MCP_ENGINE: 'process', ...extra };
}

export interface LocalIgniteProcess {
  endpoint: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * `ignite-mcp local --port 0 --memory --no-token` (the rig's MCP server reaches it as a loopback
 * endpoint, with no token), or, when a build needs test limits such as
 * `buildStepDelayMs` (which the command does not take), the same server started by this file.
 */
export async function startLocalIgniteProcess(limits?: Record<string, number>): Promise<LocalIgniteProcess> {
  const args = limits ? [SELF, '--local-ignite', JSON.stringify(limits)] : [BIN, 'local', '--port', '0', '--memory', '--no-token'];
  const child = spawn(process.execPath, args, { env: cleanEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving dodil\.ignite\.v1 on (\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`local Ignite exited (${code}): ${stderr}`)));
  });
  child.stderr!.resume();
  return { endpoint, pid: child.pid!, close: () => stopProcess(child) };
}

/** A local Ignite, our gRPC client on it, and the MCP server (the built binary) in remote mode pointed at it. */
export interface Rig {
  local: LocalIgniteProcess;
  client: IgniteClient;
  mcp: McpStdio;
  close(): Promise<void>;
}

export async function startRig(home: string, limits?: Record<string, number>): Promise<Rig> {
  const local = await startLocalIgniteProcess(limits);
  const client = createIgniteClient({ endpoint: local.endpoint, insecure: true, deadlineMs: 60_000 });
  const mcp = new McpStdio(process.execPath, [BIN], cleanEnv({ HOME: home, IGNITE_API_ENDPOINT: local.endpoint }));
  await mcp.initialize();
  return {
    local,
    client,
    mcp,
    async close() {
      await mcp.close();
      client.close();
      await local.close();
    },
  };
}

/** SIGTERM (the local Ignite shuts down cleanly on it), then SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in bytes, from /proc (Linux); undefined where there is none. */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function serveLocalIgnite(limitsJson: string): Promise<void> {
  const { startLocalIgnite } = await import('../src/local/server.js');
  const local = await startLocalIgnite({ limits: JSON.parse(limitsJson) as Record<string, number> });
  process.stderr.write(`local Ignite serving dodil.ignite.v1 on ${local.endpoint} (bench, limits ${limitsJson})\n`);
  const stop = () => void local.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--local-ignite');
  if (at >= 0) void serveLocalIgnite(process.argv[at + 1] ?? '{}');
}
