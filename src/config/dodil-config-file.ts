/**
 * The dodil CLI's config file: where it is searched and how a setting is looked up in it.
 * Only the first file found is used, as the CLI does; later directories are not merged in.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Returns the file's text, or undefined when it does not exist. Other read failures throw. */
export type ReadConfigFile = (file: string) => string | undefined;

export const readConfigFileFromDisk: ReadConfigFile = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
};

const ANY_NAME = ['config.yaml', 'config.yml', 'config.json'];

/** Candidate files in search order: DODIL_CONFIG_DIR, IGNITE_CONFIG_DIR, ~/.config/unified-cli, ~/.ignite. */
export function configFileCandidates(env: Readonly<Record<string, string | undefined>>, homeDir: string): string[] {
  const dirs: Array<[string, string[]]> = [];
  for (const name of ['DODIL_CONFIG_DIR', 'IGNITE_CONFIG_DIR']) {
    const dir = env[name]?.trim();
    if (dir) dirs.push([dir, ANY_NAME]);
  }
  // `dodil login` writes exactly this file; the legacy ignite CLI's directory had several spellings.
  dirs.push([path.join(homeDir, '.config', 'unified-cli'), ['config.yaml']]);
  dirs.push([path.join(homeDir, '.ignite'), ANY_NAME]);
  return dirs.flatMap(([dir, names]) => names.map((name) => path.join(dir, name)));
}

export interface ConfigFileResult {
  file?: string;
  data: Record<string, unknown>;
  /** Set when the file exists but cannot be used; never contains the file's values. */
  problem?: string;
}

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** The YAML parser, loaded only when a config file exists: most runs have none, and start-up time counts. */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

/**
 * JSON is parsed by the YAML parser too: it accepts JSON, and its errors give a line and column
 * without quoting the text (V8's JSON errors quote the input, which may hold the token).
 */
export function readConfigFile(candidates: readonly string[], readFile: ReadConfigFile): ConfigFileResult {
  for (const file of candidates) {
    let text: string | undefined;
    try {
      text = readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'read error';
      return { file, data: {}, problem: `config file ${file} cannot be read (${code}); fix its permissions or remove it` };
    }
    if (text === undefined) continue;
    try {
      const parsed: unknown = text.trim() === '' ? {} : yaml().parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { file, data: {}, problem: `config file ${file} is malformed: the top level must be a mapping of keys` };
      }
      return { file, data: parsed as Record<string, unknown> };
    } catch (err) {
      return { file, data: {}, problem: `config file ${file} is malformed: ${describeParseError(err)}` };
    }
  }
  return { data: {} };
}

function describeParseError(err: unknown): string {
  if (yamlModule && err instanceof yamlModule.YAMLParseError) {
    const reason = err.message.split(/ at line \d+/)[0]?.trim() ?? 'syntax error';
    const where = err.linePos?.[0];
    return where ? `line ${where.line}, column ${where.col}: ${reason}` : reason;
  }
  return 'cannot be parsed';
}

export interface FileSetting {
  value?: string;
  /** Where it came from, e.g. `ignite.api_endpoint`, for messages and describeConfig. */
  key?: string;
  problem?: string;
}

const normalize = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

function childOf(record: Record<string, unknown>, name: string): [string, unknown] | undefined {
  return Object.entries(record).find(([key]) => normalize(key) === name);
}

/**
 * Looks `aliases` up under `ignite`, then `global`, then the top level. Key spelling is liberal
 * (snake_case, kebab-case and camelCase all match, case-insensitively) because the CLI generations
 * wrote different spellings and a strict match would silently ignore a user's setting.
 */
export function lookupFileSetting(data: Record<string, unknown>, aliases: readonly string[]): FileSetting {
  const sections: Array<[string, Record<string, unknown>]> = [];
  for (const name of ['ignite', 'global']) {
    const found = childOf(data, name);
    const value = found?.[1];
    if (found && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      sections.push([`${found[0]}.`, value as Record<string, unknown>]);
    }
  }
  sections.push(['', data]);

  for (const [prefix, section] of sections) {
    for (const alias of aliases) {
      const found = childOf(section, normalize(alias));
      if (!found || found[1] === null || found[1] === undefined) continue;
      const key = `${prefix}${found[0]}`;
      const value = found[1];
      if (typeof value === 'string') {
        if (value.trim() === '') continue;
        return { value: value.trim(), key };
      }
      if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value), key };
      return { key, problem: `${key} must be a string` };
    }
  }
  return {};
}
