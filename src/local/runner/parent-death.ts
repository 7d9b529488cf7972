import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * On Linux, a launcher that makes an app die with the local Ignite even when the local Ignite is
 * SIGKILLed and cannot stop it: util-linux's `setpriv --pdeathsig SIGKILL` sets the parent-death
 * signal and execs the app, so the app keeps its pid and its parent. The signal reaches only the
 * app itself (fork clears it), so its own children are found by the process ledger's sweep at the
 * next start-up. Undefined where setpriv is missing or too old (before util-linux 2.33).
 */
export function parentDeathLauncher(hostPath: string): readonly string[] | undefined {
  if (!probed.has(hostPath)) probed.set(hostPath, probe(hostPath));
  return probed.get(hostPath);
}

/** One probe per PATH and process: every local Ignite a test suite starts asks again. */
const probed = new Map<string, readonly string[] | undefined>();

function probe(hostPath: string): readonly string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  const dirs = [...hostPath.split(path.delimiter).filter(Boolean), '/usr/bin', '/bin'];
  const setpriv = dirs.map((dir) => path.join(dir, 'setpriv')).find(isExecutable);
  if (!setpriv) return undefined;
  const launcher = [setpriv, '--pdeathsig', 'SIGKILL', '--'];
  try {
    execFileSync(launcher[0]!, [...launcher.slice(1), 'true'], { stdio: 'ignore', timeout: 5000 });
    return launcher;
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
