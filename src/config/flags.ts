/**
 * Command-line flags of the MCP server. Hand-rolled rather than node's parseArgs, because parseArgs
 * in non-strict mode takes `--endpoint --insecure` as an endpoint named "--insecure".
 */

const VALUE_FLAGS = [
  'endpoint',
  'data-dir',
  'log-level',
  'allowed-root',
  'confirm',
  'engine',
  'host',
  'port',
  'http-token-file',
  'http-allowed-host',
] as const;
const SWITCH_FLAGS = ['insecure', 'read-only', 'http', 'http-no-auth', 'http-per-user-tokens'] as const;
// A token on the command line is readable by every user through `ps`, so there is deliberately no flag.
const REFUSED_FLAGS = new Set(['token', 'api-token', 'access-token']);

export type ValueFlag = (typeof VALUE_FLAGS)[number];
export type SwitchFlag = (typeof SWITCH_FLAGS)[number];

export interface ParsedFlags {
  /** Every occurrence in order; single-valued flags use the last one. */
  values: Partial<Record<ValueFlag, string[]>>;
  /** Raw text of a switch: "true" when given bare, else what followed `=`. */
  switches: Partial<Record<SwitchFlag, string>>;
  problems: string[];
}

const isValueFlag = (name: string): name is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(name);
const isSwitchFlag = (name: string): name is SwitchFlag => (SWITCH_FLAGS as readonly string[]).includes(name);

/**
 * Parses the arguments after the program name. Positionals (subcommands) are skipped, and so are
 * flags listed in `ignore` that belong to someone else (e.g. `local --port`); any other unknown
 * flag is a problem so that a typo does not silently fall back to a default.
 */
export function parseFlags(argv: readonly string[], ignore: readonly string[] = []): ParsedFlags {
  const parsed: ParsedFlags = { values: {}, switches: {}, problems: [] };
  const ignored = new Set(ignore.map((flag) => flag.replace(/^-+/, '')));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const body = arg.replace(/^-+/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;

    // Flags another command owns (`local --port`) are skipped first, even where the server has one of the same name.
    if (ignored.has(name)) continue;
    if (REFUSED_FLAGS.has(name)) {
      parsed.problems.push(
        `--${name} is not accepted (a token on the command line is visible to other users in \`ps\`): set DODIL_TOKEN or IGNITE_TOKEN in the server's environment, or run \`dodil login\``,
      );
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i++;
    } else if (isValueFlag(name)) {
      let value = inline;
      if (value === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i];
      if (value === undefined || value.trim() === '') parsed.problems.push(`--${name} needs a value`);
      else (parsed.values[name] ??= []).push(value);
    } else if (isSwitchFlag(name)) {
      parsed.switches[name] = inline ?? 'true';
    } else {
      const known = [...VALUE_FLAGS.map((flag) => `--${flag} <value>`), ...SWITCH_FLAGS.map((flag) => `--${flag}`)];
      parsed.problems.push(`unknown option ${arg.split('=')[0]} (known options: ${known.join(', ')})`);
    }
  }
  return parsed;
}
