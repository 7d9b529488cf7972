/**
 * What a gRPC target names, without loading grpc-js: configuration decides plaintext vs TLS from
 * this before any channel exists, and must stay cheap to load at start-up.
 */

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The host part of a gRPC target: `host:port`, `host`, `[v6]:port`, a bare IPv6 address, or a
 * `dns:` URI. `unix:` sockets have no host and return undefined.
 */
export function endpointHost(endpoint: string): string | undefined {
  let target = endpoint.trim();
  if (/^unix(-abstract)?:/i.test(target)) return undefined;
  target = target.replace(/^dns:(\/\/[^/]*)?\/?/i, '');
  if (target.startsWith('[')) {
    const close = target.indexOf(']');
    return close > 0 ? target.slice(0, close + 1).toLowerCase() : target.toLowerCase();
  }
  const colons = target.split(':').length - 1;
  if (colons === 1) return target.slice(0, target.indexOf(':')).toLowerCase();
  return target.toLowerCase();
}

/** Loopback hosts and unix sockets never leave the machine, so plaintext is safe there. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpointHost(endpoint);
  return host === undefined || LOOPBACK_HOSTS.has(host);
}
