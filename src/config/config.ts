/**
 * ignite-mcp's configuration, resolved once at start-up with the dodil CLI's precedence
 * (docs/ignite-api.md §2): flag, then environment, then the dodil config file, then token claims.
 * Only the entry point calls loadConfig with the real process environment; everything else gets
 * the frozen result injected.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from '../shared/log.js';
import { UserError } from '../shared/errors.js';
import { decodeTokenClaims } from './token-claims.js';
import { parseFlags } from './flags.js';
import {
  configFileCandidates,
  lookupFileSetting,
  readConfigFile,
  readConfigFileFromDisk,
  type ReadConfigFile,
} from './dodil-config-file.js';
import { CONFIRM_MODES, resolveSettings, type ConfirmMode, type Env, type PathKind } from './resolve.js';

export { CONFIRM_MODES, type ConfirmMode } from './resolve.js';

/** stat(), bounded to what config needs: a missing path and one that cannot be read are both "missing". */
function pathKindOnDisk(file: string): PathKind {
  try {
    return statSync(file).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
import { HttpSettingsSchema, type HttpSettings } from './http-settings.js';

export interface Config {
  /** `local`: no endpoint configured, so the local Ignite of the data directory serves the tools. */
  readonly mode: 'local' | 'remote';
  readonly endpoint?: string;
  readonly endpointSource?: string;
  /** Plaintext even for a non-loopback endpoint (IGNITE_DEBUG or --insecure). */
  readonly insecure: boolean;
  readonly token?: string;
  /** Where the token came from, e.g. "DODIL_TOKEN"; this, never the token, is what may be shown. */
  readonly tokenSource?: string;
  readonly tokenExpiresAtMs?: number;
  readonly orgName?: string;
  readonly orgNameSource?: string;
  readonly orgId?: string;
  readonly orgIdSource?: string;
  /** Default deadline of every unary call. */
  readonly deadlineMs: number;
  /** Folders tools may read when the MCP client offers no roots; empty means "decide at run time". */
  readonly allowedRoots: readonly string[];
  /** Build contexts larger than these are refused with the largest files named (IGNITE_MCP_MAX_CONTEXT_*). */
  readonly maxContextFiles: number;
  readonly maxContextBytes: number;
  /** Files with more than one name in a context folder: packed, as Docker does, or left out (IGNITE_MCP_HARDLINKS). */
  readonly hardLinks: 'pack' | 'refuse';
  /** Where the local Ignite keeps its state. */
  readonly dataDir: string;
  /** How long a local Ignite this server starts stays after its last client (IGNITE_MCP_LOCAL_IDLE_SECS; 0 = forever). */
  readonly localIdleSecs: number;
  /** What the local Ignite builds and runs with: auto (podman, then docker, else process), podman, docker, process. */
  readonly engine: 'auto' | 'podman' | 'docker' | 'process';
  readonly engineSource?: string;
  /** Base images to use instead of pulling (IGNITE_MCP_IMAGE_MAP): image -> local image. */
  readonly imageMap: Readonly<Record<string, string>>;
  readonly logLevel: LogLevel;
  readonly readOnly: boolean;
  /**
   * What publish_draft, rollback_app, delete_app and delete_secret do about the user's consent
   * (IGNITE_MCP_CONFIRM): `elicit` asks through the client when it can, and without elicitation lets
   * publish and rollback proceed but refuses the deletes; `refuse` asks, and refuses all four without
   * elicitation; `always-proceed` never asks.
   */
  readonly confirm: ConfirmMode;
  /** `serve --http`: Streamable HTTP instead of stdio. */
  readonly http: HttpSettings;
  readonly configFile?: string;
  readonly configFilesSearched: readonly string[];
  /** Non-fatal findings for the entry point to log, e.g. an expired token. */
  readonly warnings: readonly string[];
}

export interface LoadConfigOptions {
  env: Env;
  /** Arguments after the program name, i.e. `process.argv.slice(2)`. */
  argv: readonly string[];
  homeDir: string;
  readFile?: ReadConfigFile;
  /** Relative paths in settings resolve against this; defaults to process.cwd(). */
  cwd?: string;
  /** Flags handled elsewhere (e.g. `port` for `ignite-mcp local`), skipped instead of rejected. */
  ignoreFlags?: readonly string[];
  now?: () => number;
  /** What is at a path (default: the real filesystem); tests give a fake one. */
  pathKind?: (file: string) => PathKind;
}

/** Every problem found, so a user fixes their setup in one round instead of one error at a time. */
export class ConfigError extends UserError {
  override readonly name: string = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    super(
      `ignite-mcp configuration is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}`,
      "Fix the settings listed above (the MCP server entry's environment or arguments, or the dodil config file), then restart ignite-mcp.",
      { code: 'CONFIG' },
    );
    this.problems = Object.freeze([...problems]);
  }
}

const ConfigSchema = z.object({
  mode: z.enum(['local', 'remote']),
  endpoint: z.string().min(1).optional(),
  endpointSource: z.string().optional(),
  insecure: z.boolean(),
  token: z.string().min(1).optional(),
  tokenSource: z.string().optional(),
  tokenExpiresAtMs: z.number().optional(),
  orgName: z.string().min(1).optional(),
  orgNameSource: z.string().optional(),
  orgId: z.string().min(1).optional(),
  orgIdSource: z.string().optional(),
  deadlineMs: z.number().int().positive(),
  allowedRoots: z.array(z.string().refine((p) => path.isAbsolute(p))),
  maxContextFiles: z.number().int().positive(),
  maxContextBytes: z.number().int().positive(),
  hardLinks: z.enum(['pack', 'refuse']),
  dataDir: z.string().refine((p) => path.isAbsolute(p)),
  localIdleSecs: z.number().int().min(0),
  engine: z.enum(['auto', 'podman', 'docker', 'process']),
  engineSource: z.string().optional(),
  imageMap: z.record(z.string(), z.string()),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  readOnly: z.boolean(),
  confirm: z.enum(CONFIRM_MODES),
  http: HttpSettingsSchema,
  configFile: z.string().optional(),
  configFilesSearched: z.array(z.string()),
  warnings: z.array(z.string()),
});

/** Resolves and validates everything once; throws one ConfigError listing every problem. */
export function loadConfig(options: LoadConfigOptions): Readonly<Config> {
  const flags = parseFlags(options.argv, options.ignoreFlags);
  const searched = configFileCandidates(options.env, options.homeDir);
  const file = readConfigFile(searched, options.readFile ?? readConfigFileFromDisk);
  const { settings, problems } = resolveSettings({
    env: options.env,
    flags,
    file: {
      path: file.file,
      searched,
      broken: file.problem !== undefined,
      lookup: (aliases) => lookupFileSetting(file.data, aliases),
    },
    homeDir: options.homeDir,
    cwd: options.cwd ?? process.cwd(),
    now: (options.now ?? Date.now)(),
    claimsOf: decodeTokenClaims,
    pathKind: options.pathKind ?? pathKindOnDisk,
  });
  const allProblems = [...flags.problems, ...(file.problem ? [file.problem] : []), ...problems];
  const parsed = ConfigSchema.safeParse({ ...settings, configFile: file.file, configFilesSearched: searched });
  if (!parsed.success) {
    // Reached only through a bug in resolveSettings; the field names are enough to find it.
    for (const issue of parsed.error.issues) allProblems.push(`internal: ${issue.path.join('.')} ${issue.message}`);
  }
  if (allProblems.length > 0 || !parsed.success) throw new ConfigError(allProblems);
  const config = parsed.data as Config;
  Object.freeze(config.allowedRoots);
  Object.freeze(config.configFilesSearched);
  Object.freeze(config.warnings);
  Object.freeze(config.imageMap);
  return Object.freeze(config);
}
