/**
 * This machine's side: the data folder (exists or can be made, writable, private), the free disk
 * under it, the allowed folders that exist and those that do not, and the local Ignite's engine.
 */
import { mkdir, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Check } from './report.js';

const MIB = 1024 * 1024;

export async function dataDirChecks(dataDir: string): Promise<Check[]> {
  const existing = await stat(dataDir).catch((err: NodeJS.ErrnoException) => err);
  if (existing instanceof Error && existing.code !== 'ENOENT') {
    return [
      {
        id: 'local.data-dir',
        status: 'problem',
        summary: `${dataDir} cannot be used as the data folder (${existing.code})`,
        fix: 'fix its permissions, or set IGNITE_MCP_DATA_DIR to a folder of yours',
      },
    ];
  }
  if (!(existing instanceof Error) && !existing.isDirectory()) {
    return [
      {
        id: 'local.data-dir',
        status: 'problem',
        summary: `${dataDir} is not a folder`,
        fix: 'remove it, or set IGNITE_MCP_DATA_DIR to a folder',
      },
    ];
  }
  const checks: Check[] = [];
  const probe = path.join(dataDir, `.doctor-${process.pid}`);
  try {
    if (existing instanceof Error) await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok', { mode: 0o600 });
    await rm(probe, { force: true });
    checks.push({ id: 'local.data-dir', status: 'ok', summary: `${dataDir} is writable${existing instanceof Error ? ' (created)' : ''}` });
  } catch (err) {
    return [
      {
        id: 'local.data-dir',
        status: 'problem',
        summary: `${dataDir} is not writable (${(err as NodeJS.ErrnoException).code ?? err})`,
        fix: 'fix its permissions, or set IGNITE_MCP_DATA_DIR to a writable folder',
      },
    ];
  }
  const mode = (await stat(dataDir)).mode & 0o777;
  checks.push(
    mode & 0o077
      ? {
          id: 'local.data-dir.private',
          status: 'warning',
          summary: `${dataDir} is readable by others (mode ${mode.toString(8)}); it holds contexts, logs and secrets`,
          fix: `chmod 700 ${dataDir}`,
        }
      : { id: 'local.data-dir.private', status: 'ok', summary: `only its owner can read it (mode ${mode.toString(8)})` },
  );
  checks.push(await diskCheck(dataDir));
  return checks;
}

async function diskCheck(dir: string): Promise<Check> {
  const stats = await statfs(dir);
  const free = stats.bavail * stats.bsize;
  const summary = `${Math.round(free / MIB)} MiB free under ${dir}`;
  if (free < 200 * MIB)
    return {
      id: 'local.disk',
      status: 'problem',
      summary,
      fix: 'free disk space: builds unpack contexts and images there',
      detail: { freeBytes: free },
    };
  if (free < 2048 * MIB)
    return {
      id: 'local.disk',
      status: 'warning',
      summary,
      fix: 'builds of large contexts may run out of space',
      detail: { freeBytes: free },
    };
  return { id: 'local.disk', status: 'ok', summary, detail: { freeBytes: free } };
}

export async function allowedRootChecks(roots: readonly string[], origin: string): Promise<Check[]> {
  if (roots.length === 0)
    return [
      {
        id: 'local.allowed-roots',
        status: 'warning',
        summary: `no allowed folders (${origin}): tools cannot read any folder`,
        fix: 'give the client roots, or set --allowed-root',
      },
    ];
  const missing: string[] = [];
  for (const root of roots) if (!(await stat(root).catch(() => undefined))?.isDirectory()) missing.push(root);
  if (missing.length === roots.length)
    return [
      {
        id: 'local.allowed-roots',
        status: 'problem',
        summary: `none of the allowed folders exists (${origin}): ${missing.join(', ')}`,
        fix: 'point --allowed-root / IGNITE_MCP_ALLOWED_ROOTS at existing folders',
      },
    ];
  if (missing.length > 0)
    return [
      {
        id: 'local.allowed-roots',
        status: 'warning',
        summary: `${roots.length - missing.length} of ${roots.length} allowed folders exist (${origin}); missing: ${missing.join(', ')}`,
        fix: 'remove or create the missing ones',
      },
    ];
  return [
    {
      id: 'local.allowed-roots',
      status: 'ok',
      summary: `${roots.length} allowed folder${roots.length === 1 ? '' : 's'} (${origin}): ${roots.join(', ')}`,
    },
  ];
}

export const PROCESS_ENGINE_FIX =
  'install podman (Debian: apt-get install -y podman runc busybox-static) for real builds and containers, or keep the process engine knowingly (IGNITE_MCP_ENGINE=process)';
export const PROCESS_ENGINE_MEANS = 'RUN steps are not executed and apps run as host processes on $PORT';

type EngineSetting = Pick<Config, 'engine' | 'engineSource'>;

/**
 * When the local Ignite already serving the data folder uses another engine than the one this
 * configuration names (a running one keeps its own): what to tell the user, else undefined.
 */
export function engineMismatch(config: EngineSetting, running: string): { summary: string; fix: string } | undefined {
  if (config.engine === 'auto' || config.engine === running) return undefined;
  return {
    summary: `the running local Ignite uses ${running}, but ${config.engineSource ?? 'the configuration'} asks for ${config.engine}`,
    fix: 'stop it (`ignite-mcp local stop`); the next MCP server starts one with the engine asked for',
  };
}

/** The engine of the local Ignite already serving the data folder, against the one this configuration asks for. */
export function localEngineCheck(config: EngineSetting, running: string | undefined): Check {
  if (running === undefined)
    return { id: 'local.engine', status: 'skipped', summary: 'the running local Ignite does not say its engine (an older version)' };
  const mismatch = engineMismatch(config, running);
  if (mismatch) return { id: 'local.engine', status: 'warning', ...mismatch };
  if (running === 'process')
    return { id: 'local.engine', status: 'warning', summary: `process engine: ${PROCESS_ENGINE_MEANS}`, fix: PROCESS_ENGINE_FIX };
  return { id: 'local.engine', status: 'ok', summary: `${running}: builds run every step, apps run as containers` };
}
