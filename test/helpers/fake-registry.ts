import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeRegistry {
  /** host:port, e.g. 127.0.0.1:41234. */
  host: string;
  /** Every request: method, path and the Authorization header it carried. */
  requests: Array<{ method: string; url: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

/**
 * A registry (distribution API v2, plain HTTP on loopback) serving the images of an OCI layout
 * folder (`podman save --format oci-dir`) under `/v2/<repository>/...`, behind Basic auth.
 * `onAuthorized` runs before each authorized answer (tests look at the host's processes there).
 */
export async function startFakeRegistry(options: {
  ociDir: string;
  repository: string;
  tag: string;
  username: string;
  password: string;
  onAuthorized?: () => void;
}): Promise<FakeRegistry> {
  const requests: FakeRegistry['requests'] = [];
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const blob = (digest: string) => readFileSync(path.join(options.ociDir, 'blobs', 'sha256', digest.replace(/^sha256:/, '')));
  const index = JSON.parse(readFileSync(path.join(options.ociDir, 'index.json'), 'utf8')) as {
    manifests: Array<{ digest: string; mediaType: string }>;
  };
  const manifest = index.manifests[0]!;
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0', ...headers });
      response.end(JSON.stringify({ errors: [{ code, message }] }));
    };
    if (request.headers.authorization !== expected) {
      return fail(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="fake"' });
    }
    options.onAuthorized?.();
    const url = request.url ?? '';
    if (url === '/v2/') return fail(200, 'OK', 'ok');
    const prefix = `/v2/${options.repository}/`;
    if (url === `${prefix}manifests/${options.tag}` || url === `${prefix}manifests/${manifest.digest}`) {
      const body = blob(manifest.digest);
      response.writeHead(200, {
        'content-type': manifest.mediaType,
        'docker-content-digest': manifest.digest,
        'content-length': body.length,
      });
      return response.end(request.method === 'HEAD' ? undefined : body);
    }
    if (url.startsWith(`${prefix}blobs/sha256:`)) {
      const digest = url.slice(`${prefix}blobs/`.length);
      try {
        const body = blob(digest);
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'docker-content-digest': digest,
          'content-length': body.length,
        });
        return response.end(request.method === 'HEAD' ? undefined : body);
      } catch {
        return fail(404, 'BLOB_UNKNOWN', 'blob unknown');
      }
    }
    return fail(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
