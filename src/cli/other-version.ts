/**
 * A local Ignite of another ignite-mcp version serves the data directory. Its records may not be
 * what this version writes, so the two are never mixed: an idle background one is asked to stop
 * (SIGUSR2: "stop if idle", decided by the local Ignite itself, so nothing in use is cut short)
 * and replaced; a busy one, or one a person started in a terminal, is refused with what to do.
 */
import { statSync } from 'node:fs';
import { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { isRunning, signalProcess } from '../shared/processes.js';
import { PACKAGE_VERSION } from '../shared/version.js';
import type { DaemonPaths } from '../daemon/paths.js';
import type { DaemonRecord } from '../daemon/record.js';

/** The signal a background local Ignite reads as "stop if nothing uses you". */
export const STOP_IF_IDLE_SIGNAL: NodeJS.Signals = 'SIGUSR2';

const STOP_WAIT_MS = 8000;

export async function replaceOtherVersion(paths: DaemonPaths, record: DaemonRecord, deadline: number, logger: Logger): Promise<void> {
  const who = `the local Ignite serving ${paths.dir} is ignite-mcp ${record.version} (pid ${record.pid}), and this MCP server is ${PACKAGE_VERSION}`;
  const stopCommand = `ignite-mcp local stop --data-dir ${paths.dir}`;
  if (record.mode !== 'daemon') {
    throw new UserError(
      `${who}; that one was started by hand (\`ignite-mcp local\`), so it is left alone`,
      `Stop it (Ctrl-C where it runs, or \`${stopCommand}\`) so this server can start its own, or give this server another data directory (IGNITE_MCP_DATA_DIR).`,
    );
  }
  logger.info(`${who}: asking it to stop if it is idle`);
  const before = versionOf(paths.record);
  signalProcess(record.pid, STOP_IF_IDLE_SIGNAL);
  // An idle one removes its record and exits; a busy one writes its record anew and stays. (The
  // inode alone does not tell: a file removed and made again at once often gets the same one.)
  const until = Math.min(deadline, Date.now() + STOP_WAIT_MS);
  let staying = false;
  while (Date.now() < until && isRunning(record) && !staying) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = versionOf(paths.record);
    staying = now !== undefined && now !== before;
  }
  if (!isRunning(record)) return;
  throw new UserError(
    `${who}; it is busy (a build, a call or another MCP server of that version uses it), so this server does not mix with it`,
    `Let its builds finish and close the MCP clients of version ${record.version}, or stop it now with \`${stopCommand}\` (its running builds end as interrupted); then retry. Or give this server another data directory (IGNITE_MCP_DATA_DIR).`,
  );
}

/** Which write of the file this is: its inode and modification time in nanoseconds. */
function versionOf(file: string): string | undefined {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.ino}:${info.mtimeNs}`;
  } catch {
    return undefined;
  }
}
