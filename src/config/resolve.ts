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
import { parseImageMapText } from '../shared/image-map-text.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolveInput {
  env: Env;
  flags: ParsedFlags;
  file: { path: string | undefined; searched: readonly string[]; broken: boolean; lookup(aliases: readonly string[]): FileSetting };
  homeDir: string;
  cwd: string;
  now: number;
  claimsOf(token: string): TokenClaims | undefined;
}

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
const logLevelText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }));
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
    'must be host:port, e.g. rpc.dodil.io:443 ("local" selects the embedded local Ignite)',
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
  const check = <T>(schema: z.ZodType<T>, picked: Picked | undefined, fallback: T, secret = false): T => {
    if (!picked) return fallback;
    const result = schema.safeParse(picked.value);
    if (result.success) return result.data;
    problems.push(`${picked.source}: ${result.error.issues[0]?.message ?? 'invalid'}${secret ? '' : ` (got "${picked.value}")`}`);
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
  const xdg = env.XDG_DATA_HOME?.trim();
  const dataDirPicked = pick([last('data-dir'), '--data-dir'], [env.IGNITE_MCP_DATA_DIR, 'IGNITE_MCP_DATA_DIR']);
  const defaultDataDir =
    xdg && path.isAbsolute(xdg) ? path.join(xdg, 'ignite-mcp') : path.join(input.homeDir, '.local', 'share', 'ignite-mcp');
  const readOnlyPicked =
    flags.switches['read-only'] !== undefined
      ? { value: flags.switches['read-only'], source: '--read-only' }
      : pick([env.IGNITE_MCP_READ_ONLY, 'IGNITE_MCP_READ_ONLY']);

  const enginePicked = pick([last('engine'), '--engine'], [env.IGNITE_MCP_ENGINE, 'IGNITE_MCP_ENGINE']);
  const imageMap = parseImageMapText(env.IGNITE_MCP_IMAGE_MAP ?? '', 'IGNITE_MCP_IMAGE_MAP');
  problems.push(...imageMap.problems);

  return {
    problems,
    settings: {
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
      logLevel: check(
        logLevelText,
        pick([last('log-level'), '--log-level'], [env.IGNITE_MCP_LOG_LEVEL, 'IGNITE_MCP_LOG_LEVEL']),
        'info' as LogLevel,
      ),
      readOnly: check(boolText, readOnlyPicked, false),
      warnings,
    },
  };
}
