/**
 * Image references as Docker reads them: a first component with a "." or ":" (or "localhost") is a
 * registry, otherwise the image is on Docker Hub (docker.io, official images under library/), and a
 * reference without tag or digest means :latest. Engines are given fully qualified names, so
 * podman's short-name rules (registries.conf search lists, prompts) never come into play.
 */
export function qualifyImageRef(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let qualified = hasRegistry ? ref : `docker.io/${slash < 0 ? 'library/' : ''}${ref}`;
  const name = qualified.split('@')[0]!;
  if (!qualified.includes('@') && !/:[^/]+$/.test(name)) qualified = `${qualified}:latest`;
  return qualified;
}

/** The registry host of a qualified reference, e.g. "docker.io" or "127.0.0.1:5000". */
export function registryOf(qualifiedRef: string): string {
  return qualifiedRef.slice(0, qualifiedRef.indexOf('/'));
}

/**
 * Registries on loopback are reached without TLS, as Docker does by default (127.0.0.0/8 is an
 * insecure registry out of the box); everything else needs TLS.
 */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.split(':')[0]!;
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
