/**
 * Precedence and validation of each setting. Every value is checked with zod against the name the
 * user actually set (a flag, a variable or a config key), so an error says exactly what to change.
 */
import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from '../shared/log.js';
import type { TokenClaims } from './token-claims.js';
import type { ParsedFlags } from './flags.js';
import type { FileSetting } from './dodil-config-file.js';
import { isLoopbackEndpoint } from '../contract/endpoint.js';
import { resolveHttpSettings } from './http-settings.js';
import { redactKnownSecrets } from '../shared/redact.js';
import { parseImageMapText } from '../shared/image-map-text.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** IGNITE_MCP_CONFIRM: how irreversible tools get the user's consent (see Config.confirm). */
export const CONFIRM_MODES = ['elicit', 'always-proceed', 'refuse'] as const;
export type ConfirmMode = (typeof CONFIRM_MODES)[number];

export interface ResolveInput {
  env: Env;
  flags: ParsedFlags;
  file: { path: string | undefined; searched: readonly string[]; broken: boolean; lookup(aliases: readonly string[]): FileSetting };
  homeDir: string;
  cwd: string;
  now: number;
  claimsOf(token: string): TokenClaims | undefined;
  /** What is at a path: a folder, a file, or nothing (`--allowed-root` must name a folder). */
  pathKind(file: string): PathKind;
}

export type PathKind = 'folder' | 'file' | 'missing';

interface Picked {
  value: string;
  source: string;
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];
const boolText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum([...TRUE, ...FALSE], { error: 'must be true or false (also 1/0, yes/no, on/off)' }))
  .transform((v) => TRUE.includes(v));
const deadlineText = z.coerce
  .number({ error: 'must be a whole number of milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .min(100, { error: 'must be at least 100 ms' })
  .max(3_600_000, { error: 'must be at most 3600000 ms (one hour)' });
const fileCountText = z.coerce
  .number({ error: 'must be a whole number of files' })
  .int({ error: 'must be a whole number of files' })
  .min(1, { error: 'must be at least 1' });
const byteCountText = z.coerce
  .number({ error: 'must be a whole number of bytes' })
  .int({ error: 'must be a whole number of bytes' })
  .min(1, { error: 'must be at least 1 byte' });
const idleSecsText = z.coerce
  .number({ error: 'must be a whole number of seconds' })
  .int({ error: 'must be a whole number of seconds' })
  .min(0, { error: 'must be 0 (never) or more seconds' })
  .max(7 * 24 * 3600, { error: 'must be at most 604800 (a week)' });
const hardLinksText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['pack', 'refuse'], { error: 'must be pack (send files with several names, as Docker does) or refuse' }));
const logLevelText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }));
const confirmText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(CONFIRM_MODES, { error: `must be one of ${CONFIRM_MODES.join(', ')}` }));
const engineText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['auto', 'podman', 'docker', 'process'], { error: 'must be one of auto, podman, docker, process' }));
const ENDPOINT_SHAPES = [
  /^(dns|unix|unix-abstract):\S+$/i,
  /^\[[0-9a-f:.]+\](:\d{1,5})?$/i,
  /^[a-z0-9._-]+(:\d{1,5})?$/i,
  /^[0-9a-f]*:[0-9a-f:]+$/i,
];
const endpointText = z
  .string()
  .refine(
    (v) => ENDPOINT_SHAPES.some((shape) => shape.test(v)),
    'must be host:port, e.g. rpc.dodil.io:443 ("local" selects the local Ignite)',
  );
const tokenText = z
  .string()
  .transform((v) => v.trim().replace(/^bearer\s+/i, ''))
  .pipe(z.string().regex(/^[\x21-\x7e]+$/, 'contains spaces or non-printable characters; use the bare token'));

type Candidate = [string | undefined, string];

/** The first non-blank candidate; a thunk is only evaluated (and its problems reported) when reached. */
function pick(...candidates: Array<Candidate | (() => Candidate)>): Picked | undefined {
  for (const candidate of candidates) {
    const [value, source] = typeof candidate === 'function' ? candidate() : candidate;
    if (value !== undefined && value.trim() !== '') return { value: value.trim(), source };
  }
  return undefined;
}

export function resolveSettings(input: ResolveInput) {
  const { env, flags } = input;
  const problems: string[] = [];
  const warnings: string[] = [];
  const last = (name: keyof ParsedFlags['values']) => flags.values[name]?.at(-1);
  const fromFile =
    (...aliases: string[]) =>
    (): Candidate => {
      const found = input.file.lookup(aliases);
      if (found.problem) problems.push(`config file ${input.file.path}: ${found.problem}`);
      return [found.value, `${input.file.path} (${found.key})`];
    };
  // A value is quoted in its problem only once the token is known: one that holds it (a token pasted into
  // the endpoint, `u:<token>@host`) is never quoted, whichever setting it was given as.
  const quoted: Array<{ at: number; value: string }> = [];
  const check = <T>(schema: z.ZodType<T>, picked: Picked | undefined, fallback: T, secret = false): T => {
    if (!picked) return fallback;
    const result = schema.safeParse(picked.value);
    if (result.success) return result.data;
    problems.push(`${picked.source}: ${result.error.issues[0]?.message ?? 'invalid'}`);
    if (!secret) quoted.push({ at: problems.length - 1, value: picked.value });
    return fallback;
  };
  const absolute = (p: string) => path.resolve(input.cwd, p.replace(/^~(?=$|[\\/])/, input.homeDir));

  const endpointPicked = pick(
    [last('endpoint'), '--endpoint'],
    [env.IGNITE_API_ENDPOINT, 'IGNITE_API_ENDPOINT'],
    fromFile('api_endpoint', 'endpoint', 'grpc_endpoint'),
  );
  const insecure =
    flags.switches.insecure !== undefined
      ? check(boolText, { value: flags.switches.insecure, source: '--insecure' }, false)
      : check(boolText, pick([env.IGNITE_DEBUG, 'IGNITE_DEBUG']), false);
  let endpoint: string | undefined;
  if (endpointPicked && endpointPicked.value.toLowerCase() !== 'local') {
    const plainScheme = /^http:\/\//i.test(endpointPicked.value);
    const bare = endpointPicked.value.replace(/^(https?|grpcs?):\/\//i, '').replace(/\/+$/, '');
    endpoint = check(endpointText, { ...endpointPicked, value: bare }, undefined);
    if (endpoint && plainScheme && !insecure && !isLoopbackEndpoint(endpoint)) {
      problems.push(
        `${endpointPicked.source}: http:// asks for plaintext; write ${endpoint} and set IGNITE_DEBUG=1 or --insecure if the server really has no TLS`,
      );
    }
  }

  const tokenPicked = pick([env.DODIL_TOKEN, 'DODIL_TOKEN'], [env.IGNITE_TOKEN, 'IGNITE_TOKEN'], fromFile('token', 'access_token'));
  const token = check(tokenText, tokenPicked, undefined, true);
  // A loopback endpoint is almost always a standalone local Ignite, which needs no token.
  if (endpoint !== undefined && !tokenPicked && !input.file.broken && !isLoopbackEndpoint(endpoint)) {
    problems.push(
      `no token for the remote endpoint ${endpoint}: set DODIL_TOKEN or IGNITE_TOKEN, or run \`dodil login\` (config files searched: ${input.file.searched.join(', ')})`,
    );
  }
  const claims = token === undefined ? undefined : input.claimsOf(token);
  if (claims?.expiresAtMs !== undefined && claims.expiresAtMs <= input.now) {
    warnings.push(
      `the token from ${tokenPicked?.source} expired at ${new Date(claims.expiresAtMs).toISOString()}; run \`dodil login\` or set a fresh DODIL_TOKEN`,
    );
  }

  const orgNamePicked = pick([env.IGNITE_ORG_NAME, 'IGNITE_ORG_NAME'], fromFile('org_name', 'organization', 'organization_name', 'org'), [
    claims?.orgName,
    'token claim',
  ]);
  // The token's org id is only used for the org it belongs to, never for a differently named one.
  const claimedOrg = orgNamePicked ? claims?.organizations.find((org) => org.name === orgNamePicked.value) : undefined;
  const claimedId = claimedOrg?.id ?? (claims?.orgName === orgNamePicked?.value ? claims?.orgId : undefined);
  const orgIdPicked = pick([env.IGNITE_ORG_ID, 'IGNITE_ORG_ID'], fromFile('org_id', 'organization_id'), [claimedId, 'token claim']);

  const rootsFromFlags = flags.values['allowed-root'] ?? [];
  const rootsText = rootsFromFlags.length > 0 ? rootsFromFlags : (env.IGNITE_MCP_ALLOWED_ROOTS ?? '').split(path.delimiter);
  const allowedRoots = [
    ...new Set(
      rootsText
        .map((r) => r.trim())
        .filter(Boolean)
        .map(absolute),
    ),
  ];
  const rootsSource = rootsFromFlags.length > 0 ? '--allowed-root' : 'IGNITE_MCP_ALLOWED_ROOTS';
  for (const root of allowedRoots) {
    const kind = input.pathKind(root);
    if (kind === 'missing') problems.push(`${rootsSource}: ${root} does not exist`);
    else if (kind === 'file') problems.push(`${rootsSource}: ${root} is a file, not a folder`);
  }
  const xdg = env.XDG_DATA_HOME?.trim();
  const dataDirPicked = pick([last('data-dir'), '--data-dir'], [env.IGNITE_MCP_DATA_DIR, 'IGNITE_MCP_DATA_DIR']);
  const defaultDataDir =
    xdg && path.isAbsolute(xdg) ? path.join(xdg, 'ignite-mcp') : path.join(input.homeDir, '.local', 'share', 'ignite-mcp');
  const switchOn = (name: 'http' | 'http-no-auth' | 'http-per-user-tokens') =>
    flags.switches[name] !== undefined && check(boolText, { value: flags.switches[name], source: `--${name}` }, false);
  const readOnlyPicked =
    flags.switches['read-only'] !== undefined
      ? { value: flags.switches['read-only'], source: '--read-only' }
      : pick([env.IGNITE_MCP_READ_ONLY, 'IGNITE_MCP_READ_ONLY']);

  const hardLinks = check(hardLinksText, pick([env.IGNITE_MCP_HARDLINKS, 'IGNITE_MCP_HARDLINKS']), 'pack' as 'pack' | 'refuse');

  const enginePicked = pick([last('engine'), '--engine'], [env.IGNITE_MCP_ENGINE, 'IGNITE_MCP_ENGINE']);
  const imageMap = parseImageMapText(env.IGNITE_MCP_IMAGE_MAP ?? '', 'IGNITE_MCP_IMAGE_MAP');
  problems.push(...imageMap.problems);

  const settings = {
    mode: endpoint === undefined ? ('local' as const) : ('remote' as const),
    endpoint,
    endpointSource: endpoint === undefined ? undefined : endpointPicked?.source,
    insecure,
    token,
    tokenSource: token === undefined ? undefined : tokenPicked?.source,
    tokenExpiresAtMs: claims?.expiresAtMs,
    orgName: orgNamePicked?.value,
    orgNameSource: orgNamePicked?.source,
    orgId: orgIdPicked?.value,
    orgIdSource: orgIdPicked?.source,
    deadlineMs: check(deadlineText, pick([env.IGNITE_MCP_DEADLINE_MS, 'IGNITE_MCP_DEADLINE_MS']), 30_000),
    allowedRoots,
    maxContextFiles: check(fileCountText, pick([env.IGNITE_MCP_MAX_CONTEXT_FILES, 'IGNITE_MCP_MAX_CONTEXT_FILES']), 100_000),
    maxContextBytes: check(byteCountText, pick([env.IGNITE_MCP_MAX_CONTEXT_BYTES, 'IGNITE_MCP_MAX_CONTEXT_BYTES']), 2 * 1024 ** 3),
    dataDir: dataDirPicked ? absolute(dataDirPicked.value) : defaultDataDir,
    engine: check(engineText, enginePicked, 'auto' as const),
    engineSource: enginePicked?.source,
    imageMap: Object.fromEntries(imageMap.entries),
    localIdleSecs: check(idleSecsText, pick([env.IGNITE_MCP_LOCAL_IDLE_SECS, 'IGNITE_MCP_LOCAL_IDLE_SECS']), 600),
    logLevel: check(
      logLevelText,
      pick([last('log-level'), '--log-level'], [env.IGNITE_MCP_LOG_LEVEL, 'IGNITE_MCP_LOG_LEVEL']),
      'info' as LogLevel,
    ),
    readOnly: check(boolText, readOnlyPicked, false),
    confirm: check(
      confirmText,
      pick([last('confirm'), '--confirm'], [env.IGNITE_MCP_CONFIRM, 'IGNITE_MCP_CONFIRM']),
      'elicit' as ConfirmMode,
    ),
    http: resolveHttpSettings(
      {
        values: {
          host: last('host'),
          port: last('port'),
          tokenFile: last('http-token-file'),
          allowedHosts: flags.values['http-allowed-host'] ?? [],
        },
        switches: { http: switchOn('http'), noAuth: switchOn('http-no-auth'), perUserTokens: switchOn('http-per-user-tokens') },
        envToken: env.IGNITE_MCP_HTTP_TOKEN,
        dataDir: dataDirPicked ? absolute(dataDirPicked.value) : defaultDataDir,
        absolute,
      },
      problems,
    ),
    hardLinks,
    warnings,
  };
  const tokens = tokenCandidates(tokenPicked?.value, env, input.file.lookup(['token', 'access_token']).value);
  for (const { at, value } of quoted) {
    const holdsToken = tokens.some((candidate) => redactKnownSecrets(value, [candidate]) !== value);
    problems[at] += holdsToken ? ' (the value is not shown: it contains the token)' : ` (got "${value}")`;
  }

  return { problems, settings };
}

/** Every token the configuration could hold, valid or not, bare and as written. */
function tokenCandidates(picked: string | undefined, env: Env, fromFile: string | undefined): string[] {
  const raw = [picked, env.DODIL_TOKEN, env.IGNITE_TOKEN, fromFile].map((value) => value?.trim() ?? '');
  return [...new Set(raw.flatMap((value) => [value, value.replace(/^bearer\s+/i, '')]))].filter((value) => value.length >= 8);
}
