/**
 * The configuration as doctor reports it: where each setting came from, never a secret's value; the
 * token's expiry and organization when it is a JWT, decoded here and sent nowhere.
 */
import type { Config } from '../config/config.js';
import { decodeTokenClaims } from '../config/token-claims.js';
import { isLoopbackEndpoint } from '../contract/endpoint.js';
import type { Check } from './report.js';

const HOUR_MS = 3_600_000;

const from = (source: string | undefined) => (source ? ` (from ${source})` : '');

export function configChecks(config: Readonly<Config>, now: number): Check[] {
  const checks: Check[] = [];
  // A loopback endpoint is a local Ignite: it needs no organization, and its token (if any) is its own.
  const local = config.mode === 'local' || (config.endpoint !== undefined && isLoopbackEndpoint(config.endpoint));
  checks.push(
    config.mode === 'local'
      ? { id: 'config.endpoint', status: 'ok', summary: 'no endpoint configured: the local Ignite serves the tools' }
      : {
          id: 'config.endpoint',
          status: 'ok',
          summary: `${config.endpoint}${from(config.endpointSource)}, ${config.insecure ? 'plaintext (--insecure)' : 'TLS unless loopback'}`,
        },
  );
  checks.push(tokenCheck(config, now, local));
  checks.push(
    config.orgName
      ? {
          id: 'config.organization',
          status: 'ok',
          summary: `${config.orgName}${from(config.orgNameSource)}${config.orgId ? `, id ${config.orgId}${from(config.orgIdSource)}` : ''}`,
        }
      : local
        ? { id: 'config.organization', status: 'ok', summary: 'none set: a local Ignite uses its default organization "local"' }
        : {
            id: 'config.organization',
            status: 'warning',
            summary: 'none set, and the token names none',
            fix: 'set IGNITE_ORG_NAME (or pass organization_name to each tool)',
          },
  );
  checks.push({
    id: 'config.file',
    status: 'ok',
    summary: config.configFile ?? `none found (searched ${config.configFilesSearched.length} places)`,
  });
  for (const warning of config.warnings) checks.push({ id: 'config.warning', status: 'warning', summary: warning, fix: 'see the message' });
  return checks;
}

function tokenCheck(config: Readonly<Config>, now: number, local: boolean): Check {
  if (!config.token) {
    return local
      ? { id: 'config.token', status: 'ok', summary: 'not set; a local Ignite on loopback may need none (the call below tells)' }
      : { id: 'config.token', status: 'problem', summary: 'no token for the remote endpoint', fix: 'set DODIL_TOKEN or run `dodil login`' };
  }
  const claims = decodeTokenClaims(config.token);
  const source = `set${from(config.tokenSource)}`;
  if (!claims) return { id: 'config.token', status: 'ok', summary: `${source}; not a JWT, so its expiry cannot be read here` };
  const org = claims.orgName ? `, organization claim "${claims.orgName}"` : '';
  if (claims.expiresAtMs === undefined) return { id: 'config.token', status: 'ok', summary: `${source}, a JWT without expiry${org}` };
  const expires = new Date(claims.expiresAtMs).toISOString();
  if (claims.expiresAtMs <= now) {
    return {
      id: 'config.token',
      status: 'problem',
      summary: `${source}, expired at ${expires}${org}`,
      fix: 'run `dodil login` or set a fresh DODIL_TOKEN',
      detail: { expiresAt: expires },
    };
  }
  if (claims.expiresAtMs - now < HOUR_MS) {
    const minutes = Math.round((claims.expiresAtMs - now) / 60_000);
    return {
      id: 'config.token',
      status: 'warning',
      summary: `${source}, expires in ${minutes} min (${expires})${org}`,
      fix: 'renew it soon with `dodil login`',
      detail: { expiresAt: expires },
    };
  }
  return { id: 'config.token', status: 'ok', summary: `${source}, expires ${expires}${org}`, detail: { expiresAt: expires } };
}
