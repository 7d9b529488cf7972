/**
 * Transport security and channel tuning. TLS is the default because the public endpoints
 * (rpc.dodil.io:443) only speak TLS; plaintext is allowed for loopback, where nothing leaves the
 * machine, or when the user explicitly opts in (the dodil CLI's --debug).
 */
import * as grpc from '@grpc/grpc-js';

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

export type Transport = 'tls' | 'plaintext';

export interface ChosenCredentials {
  transport: Transport;
  credentials: grpc.ChannelCredentials;
}

/** Pure decision (no network): plaintext only for loopback or an explicit insecure switch. */
export function chooseChannelCredentials(endpoint: string, insecure: boolean): ChosenCredentials {
  if (insecure || isLoopbackEndpoint(endpoint)) {
    return { transport: 'plaintext', credentials: grpc.credentials.createInsecure() };
  }
  return { transport: 'tls', credentials: grpc.credentials.createSsl() };
}

const MIB = 1024 * 1024;

/**
 * 16 MiB leaves room above the 4 MB inline-context limit for the rest of a CreateBuild message.
 * Keepalive pings every 5 minutes: that is the interval default gRPC servers accept without data
 * (pinging faster can get the connection closed with "too_many_pings"), and it still notices a
 * connection that died under a long, quiet log stream.
 */
export const DEFAULT_CHANNEL_OPTIONS: Readonly<grpc.ChannelOptions> = Object.freeze({
  'grpc.max_receive_message_length': 16 * MIB,
  'grpc.max_send_message_length': 16 * MIB,
  'grpc.keepalive_time_ms': 300_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 0,
  'grpc.primary_user_agent': 'ignite-mcp',
});
