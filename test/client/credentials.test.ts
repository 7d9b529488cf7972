import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_OPTIONS, chooseChannelCredentials, endpointHost, isLoopbackEndpoint } from '../../src/client/credentials.js';

describe('chooseChannelCredentials', () => {
  it('uses TLS for any non-loopback endpoint', () => {
    for (const endpoint of [
      'example.invalid:443',
      'rpc.dodil.io:443',
      'rpc.dodil.io',
      '10.0.0.5:50051',
      '[2001:db8::1]:443',
      'dns:///rpc.dodil.io:443',
      '127.0.0.1.nip.io:80',
    ]) {
      const chosen = chooseChannelCredentials(endpoint, false);
      expect(chosen.transport, endpoint).toBe('tls');
      expect(chosen.credentials._isSecure(), endpoint).toBe(true);
    }
  });

  it('uses plaintext for loopback endpoints', () => {
    for (const endpoint of [
      '127.0.0.1:50051',
      'localhost:1',
      'LOCALHOST',
      '::1',
      '[::1]:50051',
      '[::1]',
      'unix:/tmp/ignite.sock',
      'dns:///localhost:50051',
    ]) {
      const chosen = chooseChannelCredentials(endpoint, false);
      expect(chosen.transport, endpoint).toBe('plaintext');
      expect(chosen.credentials._isSecure(), endpoint).toBe(false);
    }
  });

  it('uses plaintext anywhere when insecure is set', () => {
    expect(chooseChannelCredentials('rpc.dev.dodil.io:443', true).transport).toBe('plaintext');
  });
});

describe('endpoint parsing', () => {
  it('extracts the host', () => {
    expect(endpointHost('rpc.dodil.io:443')).toBe('rpc.dodil.io');
    expect(endpointHost('[::1]:443')).toBe('[::1]');
    expect(endpointHost('::1')).toBe('::1');
    expect(endpointHost('unix:/x')).toBeUndefined();
    expect(isLoopbackEndpoint('localhost.evil.com:443')).toBe(false);
  });

  it('sets message limits and keepalive', () => {
    expect(DEFAULT_CHANNEL_OPTIONS['grpc.max_receive_message_length']).toBe(16 * 1024 * 1024);
    expect(DEFAULT_CHANNEL_OPTIONS['grpc.max_send_message_length']).toBe(16 * 1024 * 1024);
    expect(DEFAULT_CHANNEL_OPTIONS['grpc.keepalive_time_ms']).toBeGreaterThan(0);
  });
});
