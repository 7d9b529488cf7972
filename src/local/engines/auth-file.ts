import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RegistryLogin {
  /** The registry host the credentials are for, e.g. "ghcr.io" or "127.0.0.1:5000"; "docker.io" for Docker Hub. */
  registry: string;
  username: string;
  password: string;
}

/**
 * Runs `work` with the credentials in a temporary auth file: a fresh 0700 folder holding a 0600
 * JSON file in the format both podman (--authfile) and docker (--config <dir>/config.json) read.
 * The file is removed when `work` ends, however it ends. Credentials thus never appear on a command
 * line (visible in `ps`), in the engine's environment, or in a log.
 */
export async function withAuthFile<T>(
  parentDir: string,
  logins: readonly RegistryLogin[],
  work: (auth: { dir: string; file: string }) => Promise<T>,
): Promise<T> {
  const dir = path.join(parentDir, randomUUID());
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'config.json');
  try {
    const auths: Record<string, { auth: string }> = {};
    for (const login of logins) {
      const auth = { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') };
      auths[login.registry] = auth;
      // docker's CLI keys Docker Hub by its v1 URL.
      if (login.registry === 'docker.io') auths['https://index.docker.io/v1/'] = auth;
    }
    await writeFile(file, JSON.stringify({ auths }), { mode: 0o600, flag: 'wx' });
    return await work({ dir, file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * SaveBuildSecrets registry credentials (registry -> auth; the value's format is undocumented) as
 * logins: "user:password", or the base64 of it as in a Docker config's "auth".
 */
export function loginsFromRegistryCredentials(credentials: Readonly<Record<string, string>>): RegistryLogin[] {
  const logins: RegistryLogin[] = [];
  for (const [server, value] of Object.entries(credentials)) {
    const registry = normalizeRegistry(server);
    const decoded = /^[A-Za-z0-9+/]+=*$/.test(value) ? Buffer.from(value, 'base64').toString('utf8') : '';
    const text = decoded.includes(':') ? decoded : value;
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    logins.push({ registry, username: text.slice(0, colon), password: text.slice(colon + 1) });
  }
  return logins;
}

/** "https://index.docker.io/v1/" or "" -> "docker.io"; "https://ghcr.io/" -> "ghcr.io". */
export function normalizeRegistry(server: string): string {
  const host = server
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '');
  return !host || host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}
