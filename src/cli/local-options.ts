/**
 * The options of `ignite-mcp local`, parsed strictly: an unknown option, a missing value or a bad
 * one is a UserError listing what `local` takes, never a silent default. One table serves the
 * parser and `ignite-mcp local --help`.
 */
import { UserError } from '../shared/errors.js';
import { isLoopbackEndpoint } from '../contract/endpoint.js';
import { parseDuration } from '../daemon/idle.js';

interface OptionSpec {
  name: string;
  /** Placeholder of the value; absent for a switch. */
  value?: string;
  help: string;
  /** Shown as "(default: …)". */
  default?: string;
  /** Internal: not in the help. */
  hidden?: boolean;
  /** The subcommands that take it. */
  commands: readonly LocalSubcommand[];
}

export type LocalSubcommand = 'serve' | 'status' | 'stop';

export const LOCAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'data-dir',
    value: 'dir',
    help: 'State folder, made 0700 (also IGNITE_MCP_DATA_DIR).',
    default: '$XDG_DATA_HOME/ignite-mcp or ~/.local/share/ignite-mcp',
    commands: ['serve', 'status', 'stop'],
  },
  { name: 'memory', help: 'Keep state in memory only (a private temp folder, removed on exit); not with --data-dir.', commands: ['serve'] },
  {
    name: 'port',
    value: 'n',
    help: 'Listen on TCP instead of the Unix socket <data-dir>/local-ignite.sock; 0 picks a free port.',
    default: 'the socket',
    commands: ['serve'],
  },
  {
    name: 'host',
    value: 'addr',
    help: 'Address for --port; a non-loopback one is reachable from other machines.',
    default: '127.0.0.1',
    commands: ['serve'],
  },
  {
    name: 'no-token',
    help: 'Accept calls without the token (refused on a non-loopback --host). IGNITE_LOCAL_REQUIRED_TOKEN sets the token instead of a random one.',
    default: 'a random token is required',
    commands: ['serve'],
  },
  {
    name: 'faults',
    value: 'file.json',
    help: 'Inject faults (testing only); also IGNITE_LOCAL_FAULTS=<json>, the file wins.',
    commands: ['serve'],
  },
  {
    name: 'log-level',
    value: 'level',
    help: 'debug, info, warn or error (also IGNITE_MCP_LOG_LEVEL).',
    default: 'info',
    commands: ['serve', 'status', 'stop'],
  },
  {
    name: 'engine',
    value: 'engine',
    help: 'What builds run and apps run with: auto (podman, then docker, else process), podman, docker or process (also IGNITE_MCP_ENGINE).',
    default: 'auto',
    commands: ['serve'],
  },
  { name: 'daemon', help: 'Run in the background mode MCP servers start: exit when idle.', hidden: true, commands: ['serve'] },
  {
    name: 'idle-timeout',
    value: 'duration',
    help: 'With --daemon: exit after this long unused (10m, 90s; 0 = never).',
    hidden: true,
    commands: ['serve'],
  },
  { name: 'help', help: 'Show this help.', commands: ['serve', 'status', 'stop'] },
];

export interface LocalOptions {
  command: LocalSubcommand;
  dataDir?: string;
  memory: boolean;
  port?: number;
  host?: string;
  noToken: boolean;
  faults?: string;
  logLevel?: string;
  engine?: string;
  daemon: boolean;
  idleSecs?: number;
  help: boolean;
}

export function parseLocalArgs(argv: readonly string[]): LocalOptions {
  const args = [...argv];
  let command: LocalSubcommand = 'serve';
  if (args[0] === 'status' || args[0] === 'stop') command = args.shift() as LocalSubcommand;
  else if (args[0] === 'help') return { command, memory: false, noToken: false, daemon: false, help: true };
  const known = LOCAL_OPTIONS.filter((option) => option.commands.includes(command));
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const spec = known.find((option) => `--${option.name}` === flag) ?? (flag === '-h' ? known.find((o) => o.name === 'help') : undefined);
    if (!spec) throw unknownOption(arg, command, known);
    if (!spec.value) {
      if (inline !== undefined) throw usage(`--${spec.name} takes no value (got "${arg}")`, command, known);
      values.set(spec.name, true);
      continue;
    }
    let value = inline;
    // A negative number is a (bad) value, not an option: `--port -1` must say the port is wrong.
    if (value === undefined && args[i + 1] !== undefined && (!args[i + 1]!.startsWith('-') || /^-\d/.test(args[i + 1]!))) value = args[++i];
    if (value === undefined || value.trim() === '') throw usage(`--${spec.name} needs a value (<${spec.value}>)`, command, known);
    values.set(spec.name, value);
  }
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const options: LocalOptions = {
    command,
    dataDir: text('data-dir'),
    memory: values.has('memory'),
    port: text('port') === undefined ? undefined : portOf(text('port')!),
    host: text('host'),
    noToken: values.has('no-token'),
    faults: text('faults'),
    logLevel: text('log-level'),
    engine: text('engine'),
    daemon: values.has('daemon'),
    idleSecs: text('idle-timeout') === undefined ? undefined : durationOf(text('idle-timeout')!),
    help: values.has('help'),
  };
  if (options.help) return options;
  if (options.memory && options.dataDir !== undefined) {
    throw new UserError(
      '--memory and --data-dir cannot be used together',
      'Pass --memory for throw-away state, or --data-dir <dir> for state that is kept.',
    );
  }
  if (options.host !== undefined && options.port === undefined) {
    throw new UserError(
      `--host ${options.host} needs --port: without --port the local Ignite listens on its Unix socket`,
      'Pass e.g. --port 50051 (or --port 0 for a free port) with --host.',
    );
  }
  if (options.noToken && options.host !== undefined && !isLoopbackEndpoint(options.host)) {
    throw new UserError(
      `the token cannot be turned off (--no-token) with --host ${options.host}: anyone who can reach that address could drive the local Ignite, and run commands as you`,
      'Keep the token (the default), or listen on loopback (--host 127.0.0.1).',
    );
  }
  if (options.idleSecs !== undefined && !options.daemon) {
    throw new UserError(
      '--idle-timeout applies only to the background local Ignite an MCP server starts; `ignite-mcp local` runs until stopped',
      "Set IGNITE_MCP_LOCAL_IDLE_SECS in the MCP server's environment instead.",
    );
  }
  return options;
}

function portOf(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UserError(
      `--port must be a port number from 0 to 65535, got "${raw}"`,
      'Pass e.g. --port 50051, or --port 0 for a free port.',
    );
  }
  return value;
}

function durationOf(raw: string): number {
  const seconds = parseDuration(raw);
  if (seconds === undefined)
    throw new UserError(
      `--idle-timeout must be a duration such as 10m, 90s or 1h, got "${raw}"`,
      'Pass e.g. --idle-timeout 10m (0 = never).',
    );
  return seconds;
}

function unknownOption(arg: string, command: LocalSubcommand, known: readonly OptionSpec[]): UserError {
  const what = arg.startsWith('-') ? `unknown option ${arg.split('=')[0]}` : `unexpected argument "${arg}"`;
  return usage(`${what} for \`ignite-mcp local${command === 'serve' ? '' : ` ${command}`}\``, command, known);
}

function usage(message: string, command: LocalSubcommand, known: readonly OptionSpec[]): UserError {
  const list = known
    .filter((option) => !option.hidden)
    .map((option) => `--${option.name}${option.value ? ` <${option.value}>` : ''}`)
    .join(', ');
  const commands = command === 'serve' ? '; subcommands: status, stop, base-image' : '';
  return new UserError(message, `The local options are: ${list}${commands}. See \`ignite-mcp local --help\`.`);
}

/** Help text is wrapped here; the option names take the first 27 columns. */
const HELP_WIDTH = 110;
const HELP_INDENT = 27;

/** The options of `local` as help lines, with their defaults, wrapped to fit a terminal. */
export function localOptionLines(): string[] {
  return LOCAL_OPTIONS.filter((option) => !option.hidden).flatMap((option) => {
    const head = `  --${option.name}${option.value ? ` <${option.value}>` : ''}`;
    const text = `${option.help}${option.default ? ` (default: ${option.default})` : ''}`;
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && HELP_INDENT + line.length + 1 + word.length > HELP_WIDTH) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
    return lines.map((part, index) => `${(index === 0 ? head : '').padEnd(HELP_INDENT)}${part}`);
  });
}
