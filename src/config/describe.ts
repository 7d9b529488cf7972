/** A printable summary of the configuration for stderr and diagnostics. It never includes the token. */
import type { Config } from './config.js';
import { isLoopbackEndpoint } from '../contract/endpoint.js';

function from(source: string | undefined): string {
  return source ? ` (from ${source})` : '';
}

export function describeConfig(config: Readonly<Config>): string {
  const lines: string[] = [];
  if (config.mode === 'local' || config.endpoint === undefined) {
    lines.push(
      `backend: the local Ignite of the data directory (no endpoint configured), data in ${config.dataDir}, idle exit after ${config.localIdleSecs} s`,
    );
  } else {
    const plaintext = config.insecure || isLoopbackEndpoint(config.endpoint);
    lines.push(`backend: Ignite at ${config.endpoint}${from(config.endpointSource)}, ${plaintext ? 'plaintext' : 'TLS'}`);
  }

  let token = config.token === undefined ? 'not set' : `set${from(config.tokenSource)}`;
  if (config.token !== undefined && config.tokenExpiresAtMs !== undefined) {
    token += `, expires ${new Date(config.tokenExpiresAtMs).toISOString()}`;
  }
  lines.push(`token: ${token}`);

  const org = config.orgName === undefined ? 'not set' : `${config.orgName}${from(config.orgNameSource)}`;
  const orgId = config.orgId === undefined ? '' : `, id ${config.orgId}${from(config.orgIdSource)}`;
  lines.push(`organization: ${org}${orgId}`);

  lines.push(`config file: ${config.configFile ?? `none found (searched ${config.configFilesSearched.join(', ')})`}`);
  lines.push(`deadline: ${config.deadlineMs} ms per unary call`);
  lines.push(
    `build contexts: at most ${config.maxContextFiles} files and ${config.maxContextBytes} bytes; hard-linked files: ${config.hardLinks}`,
  );
  lines.push(
    `allowed roots: ${config.allowedRoots.length > 0 ? config.allowedRoots.join(', ') : "none configured (the client's roots, else the working directory)"}`,
  );
  if (config.mode === 'remote') lines.push(`local data dir: ${config.dataDir} (unused with a remote endpoint)`);
  lines.push(`engine: ${config.engine}${from(config.engineSource)}`);
  const mapped = Object.entries(config.imageMap);
  if (mapped.length > 0) lines.push(`image map: ${mapped.map(([source, target]) => `${source} -> ${target}`).join(', ')}`);
  lines.push(`log level: ${config.logLevel}`);
  lines.push(`read-only: ${config.readOnly ? 'yes' : 'no'}`);
  lines.push(`consent for publish, rollback and deletes: ${config.confirm}`);
  for (const warning of config.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
