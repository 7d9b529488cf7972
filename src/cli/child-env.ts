/**
 * The part of our environment that children of the local Ignite (git clones, app processes) may
 * start from: where programs are, the locale, proxies and CA bundles. An allow-list, so the token
 * (DODIL_TOKEN, IGNITE_TOKEN) and anything else in the caller's environment never reaches them.
 */
const PASSED = [
  'PATH',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
] as const;

export function childEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/**
 * What the container engine's CLI (podman, docker) starts from: the children's allow-list plus what
 * the CLI needs to find its engine and its own settings (HOME for ~/.config/containers and
 * ~/.docker, XDG_RUNTIME_DIR for rootless podman, DOCKER_HOST and friends). Still no token.
 */
const ENGINE_PASSED = [
  'HOME',
  'USER',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_HOME',
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
  'CONTAINER_HOST',
  'CONTAINER_CONNECTION',
  'CONTAINERS_CONF',
  'CONTAINERS_REGISTRIES_CONF',
] as const;

export function engineEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out = childEnvironment(env);
  for (const name of ENGINE_PASSED) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}
