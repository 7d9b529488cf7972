/**
 * The way to the endpoint, one step at a time, so a failure says which step: the name (DNS), the
 * port (TCP), the certificate (TLS: subject, issuer, expiry), then an authenticated call and its
 * round-trip time. Each step is bounded, so an offline machine gets its answer in seconds.
 */
import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import type { IgniteClient } from '../client/client.js';
import { IgniteError } from '../client/ignite-error.js';
import { endpointHost } from '../contract/endpoint.js';
import type { Check } from './report.js';

const STEP_TIMEOUT_MS = 3000;
const CERT_SOON_MS = 14 * 24 * 3_600_000;

export interface EndpointTarget {
  endpoint: string;
  transport: 'tls' | 'plaintext';
  /** The proxy grpc-js will use (grpc_proxy, https_proxy, http_proxy), when one applies. */
  proxy?: string | undefined;
}

/** host and port of a gRPC target; undefined for unix sockets. */
export function hostAndPort(endpoint: string): { host: string; port: number } | undefined {
  const host = endpointHost(endpoint)?.replace(/^\[|\]$/g, '');
  if (host === undefined) return undefined;
  const port = Number(/:(\d{1,5})$/.exec(endpoint.replace(/^dns:(\/\/[^/]*)?\/?/i, ''))?.[1] ?? 443);
  return { host, port };
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS)),
  );
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));

export async function endpointChecks(target: EndpointTarget, client: IgniteClient): Promise<Check[]> {
  const address = hostAndPort(target.endpoint);
  if (!address)
    return [
      { id: 'endpoint.socket', status: 'ok', summary: `${target.endpoint}: a local socket, no network between` },
      ...(await callChecks(client)),
    ];
  const via = target.proxy ? hostAndPort(target.proxy.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')) : undefined;
  const dial = via ?? address;
  const checks: Check[] = [];
  if (via) checks.push({ id: 'endpoint.proxy', status: 'ok', summary: `through the proxy ${via.host}:${via.port} (from the environment)` });
  const dns = await dnsCheck(dial.host);
  checks.push(dns);
  if (dns.status === 'problem') return checks;
  const tcp = await tcpCheck(dial.host, dial.port, via !== undefined);
  checks.push(tcp);
  if (tcp.status === 'problem') return checks;
  // Through a proxy the TLS session is tunnelled; the authenticated call below proves it.
  if (target.transport === 'tls' && !via) {
    const tls = await tlsCheck(address.host, address.port);
    checks.push(tls);
    if (tls.status === 'problem') return checks;
  }
  return [...checks, ...(await callChecks(client))];
}

async function dnsCheck(host: string): Promise<Check> {
  if (isIP(host) || host === 'localhost') return { id: 'endpoint.dns', status: 'ok', summary: `${host} needs no lookup` };
  try {
    const { address } = await withTimeout(lookup(host), `DNS for ${host}`);
    return { id: 'endpoint.dns', status: 'ok', summary: `${host} resolves to ${address}` };
  } catch (err) {
    return {
      id: 'endpoint.dns',
      status: 'problem',
      summary: `${host} does not resolve (${codeOf(err)})`,
      fix: "check the endpoint name and this machine's network or DNS (offline?)",
    };
  }
}

function tcpCheck(host: string, port: number, proxy: boolean): Promise<Check> {
  const what = proxy ? `the proxy ${host}:${port}` : `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const done = (check: Check) => {
      socket.destroy();
      resolve(check);
    };
    socket.setTimeout(STEP_TIMEOUT_MS, () =>
      done({
        id: 'endpoint.tcp',
        status: 'problem',
        summary: `${what} did not answer within ${STEP_TIMEOUT_MS / 1000} s`,
        fix: 'a firewall or a wrong port: check the endpoint and the network',
      }),
    );
    socket.once('connect', () => done({ id: 'endpoint.tcp', status: 'ok', summary: `${what} accepts connections` }));
    socket.once('error', (err) =>
      done({
        id: 'endpoint.tcp',
        status: 'problem',
        summary: `${what} refused the connection (${codeOf(err)})`,
        fix: proxy ? 'check the proxy settings (https_proxy, grpc_proxy)' : "check the endpoint's host and port, and that the service runs",
      }),
    );
  });
}

function tlsCheck(host: string, port: number): Promise<Check> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, servername: isIP(host) ? undefined : host, ALPNProtocols: ['h2'] });
    const done = (check: Check) => {
      socket.destroy();
      resolve(check);
    };
    socket.setTimeout(STEP_TIMEOUT_MS, () =>
      done({
        id: 'endpoint.tls',
        status: 'problem',
        summary: `no TLS handshake within ${STEP_TIMEOUT_MS / 1000} s`,
        fix: 'the endpoint may speak plaintext: for a trusted network use --insecure',
      }),
    );
    socket.once('secureConnect', () => done(certificateCheck(socket.getPeerCertificate())));
    socket.once('error', (err) => {
      const code = codeOf(err);
      const untrusted = /SELF_SIGNED|UNABLE_TO_VERIFY|CERT_UNTRUSTED|UNABLE_TO_GET_ISSUER/.test(code);
      done({
        id: 'endpoint.tls',
        status: 'problem',
        summary: untrusted ? `the certificate is not trusted (${code})` : `TLS failed (${code})`,
        fix: untrusted
          ? 'use a certificate from a trusted CA, or trust this one with GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=<ca.pem>'
          : 'check that the endpoint speaks TLS on this port (a plaintext server needs --insecure)',
      });
    });
  });
}

function certificateCheck(cert: PeerCertificate): Check {
  const subject = cert.subject?.CN ?? JSON.stringify(cert.subject ?? {});
  const expires = new Date(cert.valid_to);
  const detail = { subject, issuer: cert.issuer?.CN, validTo: expires.toISOString() };
  if (expires.getTime() - Date.now() < CERT_SOON_MS) {
    return {
      id: 'endpoint.tls',
      status: 'warning',
      summary: `certificate for ${subject} expires ${expires.toISOString()}`,
      fix: "the service's certificate needs renewing soon",
      detail,
    };
  }
  return {
    id: 'endpoint.tls',
    status: 'ok',
    summary: `certificate for ${subject}, issued by ${cert.issuer?.CN ?? '?'}, valid until ${expires.toISOString()}`,
    detail,
  };
}

/** An authenticated list call (the health check needs no credentials, so it cannot prove the token), then the round trip. */
async function callChecks(client: IgniteClient): Promise<Check[]> {
  try {
    await client.listBuilds({ limit: 1 }, { deadlineMs: 5000 });
  } catch (err) {
    const hint = err instanceof IgniteError ? err.hint : 'see the message';
    return [{ id: 'endpoint.call', status: 'problem', summary: err instanceof Error ? err.message : String(err), fix: hint }];
  }
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await client.healthCheck({}, { deadlineMs: 5000 }).catch(() => undefined);
    samples.push(performance.now() - started);
  }
  const rtt = samples.sort((a, b) => a - b)[1]!;
  return [
    { id: 'endpoint.call', status: 'ok', summary: 'an authenticated call (ListBuilds) succeeded' },
    {
      id: 'endpoint.rtt',
      status: rtt > 1000 ? 'warning' : 'ok',
      summary: `round trip ${rtt.toFixed(1)} ms (median of 3 health checks)`,
      fix: 'a slow link: raise IGNITE_MCP_DEADLINE_MS if calls time out',
      detail: { rttMs: rtt },
    },
  ];
}
