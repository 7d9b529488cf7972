import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { Logger } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import { childEnvironment } from './child-env.js';
import { engineOptions } from './engine-options.js';
import type { LocalIgnite } from '../local/server.js';
import type { FaultRule } from '../local/faults/injector.js';
import { LOCAL_ORGANIZATION } from '../mcp/runtime.js';

/** Flags only `ignite-mcp local` takes; the shared config parser skips them. */
export const LOCAL_FLAGS = ['port', 'host', 'memory', 'faults'];

export const DEFAULT_LOCAL_PORT = 50051;

/** What `ignite-mcp local` takes from the environment; index.ts reads it, nothing here does. */
export interface LocalCommandEnv {
  /** IGNITE_LOCAL_REQUIRED_TOKEN */
  requiredToken?: string;
  /** IGNITE_LOCAL_FAULTS: fault rules as JSON (see local/fault-config.ts). */
  faults?: string;
}

/** `ignite-mcp local`: the local Ignite alone, for grpcurl or any gRPC client. */
export async function runLocalCommand(
  argv: readonly string[],
  config: Readonly<Config>,
  logger: Logger,
  env: LocalCommandEnv,
): Promise<LocalIgnite> {
  const port = numberFlag(argv, 'port') ?? DEFAULT_LOCAL_PORT;
  const host = stringFlag(argv, 'host') ?? '127.0.0.1';
  const memory = argv.includes('--memory');
  const faultsFile = stringFlag(argv, 'faults');
  if (argv.includes('--faults') && !faultsFile)
    throw new UserError('--faults needs a file', 'Pass e.g. --faults faults.json (a JSON array of fault rules).');
  const faults = await faultRules(faultsFile, env.faults);
  const { startLocalIgnite } = await import('../local/server.js');
  const local = await startLocalIgnite({
    host,
    port,
    dataDir: memory ? undefined : config.dataDir,
    requiredToken: env.requiredToken || undefined,
    faults,
    defaultOrganization: config.orgName ?? LOCAL_ORGANIZATION,
    logger: logger.child('local-ignite'),
    hostEnv: childEnvironment(process.env),
    ...engineOptions(config),
  });
  const plaintextNote =
    host === '127.0.0.1' || host === '::1' || host === 'localhost'
      ? 'plaintext on loopback'
      : `plaintext on ${host}: reachable from other hosts`;
  process.stderr.write(
    `local Ignite serving dodil.ignite.v1 on ${local.endpoint} (${plaintextNote}; data: ${local.store.persistent ? local.store.dir : 'in memory'})\n` +
      `engine: ${local.engine}${local.engine === 'process' ? ' (fallback: RUN steps are not executed and apps run as host processes)' : ''}\n` +
      `try: grpcurl -plaintext ${local.endpoint} list\n`,
  );
  return local;
}

/** The --faults file wins over IGNITE_LOCAL_FAULTS, as flags win over the environment everywhere else. */
async function faultRules(file: string | undefined, fromEnv: string | undefined): Promise<FaultRule[] | undefined> {
  if (file === undefined && !fromEnv?.trim()) return undefined;
  const { parseFaultConfig } = await import('../local/faults/config.js');
  if (file === undefined) return parseFaultConfig(fromEnv!, 'IGNITE_LOCAL_FAULTS');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read --faults ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      'Pass the path of a JSON file of fault rules.',
    );
  }
  return parseFaultConfig(text, `--faults ${file}`);
}

function stringFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

function numberFlag(argv: readonly string[], name: string): number | undefined {
  const raw = stringFlag(argv, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UserError(
      `--${name} must be a port number from 0 to 65535, got "${raw}"`,
      'Pass e.g. --port 50051, or --port 0 for a free port.',
    );
  }
  return value;
}
