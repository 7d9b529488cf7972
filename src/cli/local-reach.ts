/** How a person reaches a local Ignite by hand: the grpcurl line that works, token included. */
import type { DaemonPaths } from '../daemon/paths.js';
import type { DaemonRecord } from '../daemon/record.js';

/** A word for sh: left bare when it is safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function grpcurlLine(record: Pick<DaemonRecord, 'endpoint' | 'token_required'>, tokenFile: string): string {
  const header = record.token_required ? ` -H "authorization: Bearer $(cat ${shellWord(tokenFile)})"` : '';
  if (record.endpoint.startsWith('unix:')) return `grpcurl -plaintext -unix${header} ${shellWord(record.endpoint.slice(5))} list`;
  return `grpcurl -plaintext${header} ${record.endpoint} list`;
}

/** What `ignite-mcp local` prints once it serves, and `local status` repeats. */
export function describeReach(record: DaemonRecord, paths: DaemonPaths, persistent: boolean): string[] {
  const lines: string[] = [];
  if (record.endpoint.startsWith('unix:')) {
    lines.push(`  listening on the Unix socket ${record.bound} (mode 0600, in a 0700 folder: only you can connect)`);
  } else {
    const host = record.bound.slice(0, record.bound.lastIndexOf(':'));
    const everywhere = host === '0.0.0.0' || host === '[::]';
    const scope = everywhere
      ? `every interface: reachable from other machines, plaintext; dial ${record.endpoint} from this one`
      : /^(127\.|\[::1\]|localhost)/.test(host)
        ? 'loopback: any process on this machine can connect'
        : 'reachable from other machines, plaintext';
    lines.push(`  listening on TCP ${record.bound} (${scope})`);
  }
  lines.push(
    record.token_required
      ? `  every call needs "authorization: Bearer <token>"; the token is in ${paths.token} (0600)`
      : '  no token required (--no-token)',
  );
  lines.push(`  try: ${grpcurlLine(record, paths.token)}`);
  if (persistent) {
    lines.push(`  MCP servers with this data directory use it; stop it with: ignite-mcp local stop --data-dir ${shellWord(paths.dir)}`);
  }
  return lines;
}
