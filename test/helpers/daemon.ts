/**
 * End-to-end helpers for the local Ignite of a data directory: spawn the built binary as an MCP
 * server (what an MCP client does), look at what runs through /proc, and stop every local Ignite
 * a test started (by the pid its lock names) before its data directory is removed.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN, requireBuiltBin } from './bin.js';
import { environOf, isRunning, listPids, processStat } from '../../src/shared/processes.js';

export { BIN };

export function requireBuild(): void {
  requireBuiltBin();
}

/** A fresh folder under the system temp dir; short, so its socket path fits. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ServerProcess {
  client: Client;
  pid: number;
  stderr(): string;
  /** Calls a tool; throws with the result's text when it is an error. */
  call(name: string, args?: Record<string, unknown>): Promise<Record<string, any>>;
  /** Calls a tool and returns the raw result. */
  raw(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** The built binary as an MCP server over stdio, connected with a real SDK client. */
export async function startServer(options: {
  dataDir: string;
  cwd?: string;
  env?: Record<string, string>;
  args?: string[];
}): Promise<ServerProcess> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...(options.args ?? [])],
    cwd: options.cwd ?? os.tmpdir(),
    // The process engine: the fixtures start FROM node:20-alpine, which a container engine would have
    // to pull (test/containers/ covers the engines).
    env: {
      IGNITE_MCP_DATA_DIR: options.dataDir,
      IGNITE_MCP_LOCAL_IDLE_SECS: '60',
      IGNITE_MCP_LOG_LEVEL: 'debug',
      IGNITE_MCP_ENGINE: 'process',
      ...options.env,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const client = new Client({ name: 'e2e-daemon', version: '0.0.0' });
  await client.connect(transport);
  const raw = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 90_000 })) as CallToolResult;
  return {
    client,
    pid: transport.pid!,
    stderr: () => stderr,
    raw,
    async call(name, args = {}) {
      const result = await raw(name, args);
      if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}\nserver stderr:\n${stderr.slice(-3000)}`);
      return result.structuredContent as Record<string, any>;
    },
    close: () => client.close(),
  };
}

/** One tool call in a server of its own, as clients that start a server per call do. */
export async function callOnce(dataDir: string, name: string, args: Record<string, unknown>, cwd?: string): Promise<Record<string, any>> {
  const server = await startServer({ dataDir, cwd, args: cwd ? ['--allowed-root', cwd] : [] });
  try {
    return await server.call(name, args);
  } finally {
    await server.close();
  }
}

interface LockContent {
  pid: number;
  start_time: string;
}

/** The process holding the data directory's lock, if it runs. */
export function lockHolderOf(dataDir: string): LockContent | undefined {
  try {
    const lock = JSON.parse(readFileSync(path.join(dataDir, 'local-ignite.lock'), 'utf8')) as LockContent;
    return isRunning(lock) ? lock : undefined;
  } catch {
    return undefined;
  }
}

export function recordOf(dataDir: string): Record<string, any> | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, 'local-ignite.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Stops the data directory's local Ignite (SIGTERM, then SIGKILL), and waits for it to be gone. */
export async function stopLocalIgnite(dataDir: string): Promise<void> {
  const holder = lockHolderOf(dataDir);
  if (!holder) return;
  process.kill(holder.pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (isRunning(holder) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (isRunning(holder)) process.kill(holder.pid, 'SIGKILL');
  await waitFor(() => !isRunning(holder), `pid ${holder.pid} to exit`);
}

/** Stops the local Ignite, kills anything left with the directory's marker, and removes the folder. */
export async function cleanUp(dataDir: string, ...more: string[]): Promise<void> {
  await stopLocalIgnite(dataDir);
  for (const pid of appProcesses(dataDir)) process.kill(pid, 'SIGKILL');
  for (const dir of [dataDir, ...more]) rmSync(dir, { recursive: true, force: true });
}

const alive = (pid: number) => {
  const stat = processStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
};

/** Live processes whose environment carries the data directory's app marker (apps and everything they started). */
export function appProcesses(dataDir: string): number[] {
  let owner: string;
  try {
    owner = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  } catch {
    return [];
  }
  return listPids().filter((pid) => alive(pid) && environOf(pid)?.some((entry) => entry.startsWith(`IGNITE_LOCAL_APP=${owner}:`)));
}

/** Live local Ignite processes serving `dataDir` (found by their command line). */
export function localIgnites(dataDir: string): number[] {
  return listPids().filter((pid) => {
    if (!alive(pid)) return false;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return argv.includes('local') && argv.includes(dataDir);
    } catch {
      return false;
    }
  });
}

/** Processes whose working directory is under `dir`. */
export function processesIn(dir: string): number[] {
  return listPids().filter((pid) => {
    try {
      return alive(pid) && readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
    } catch {
      return false;
    }
  });
}

/** Runs the binary to its end, with a time limit so a hang fails instead of stalling the suite. */
export function runBin(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), IGNITE_MCP_ENGINE: 'process', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `ignite-mcp local …` in the background, resolved once it says it serves (its first stderr line). */
export async function startForegroundLocal(args: string[], env: Record<string, string> = {}, bin = BIN) {
  const child = spawn(process.execPath, [bin, 'local', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), IGNITE_MCP_ENGINE: 'process', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', () => stderr.includes('try: grpcurl') && resolve());
    child.once('exit', (code) => reject(new Error(`ignite-mcp local exited (${code}): ${stderr}`)));
  });
  return { child, stderr: () => stderr };
}
