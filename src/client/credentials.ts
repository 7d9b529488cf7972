/**
 * Transport security and channel tuning. TLS is the default because the public endpoints
 * (rpc.dodil.io:443) only speak TLS; plaintext is allowed for loopback, where nothing leaves the
 * machine, or when the user explicitly opts in (the dodil CLI's --debug).
 */
import * as grpc from '@grpc/grpc-js';

import { isLoopbackEndpoint } from '../contract/endpoint.js';

export { endpointHost, isLoopbackEndpoint } from '../contract/endpoint.js';

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
