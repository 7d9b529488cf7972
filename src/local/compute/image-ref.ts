import { invalidArgument } from '../rpc/errors.js';

/** An image reference split into its parts: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  /** Empty when the reference names none (Docker Hub). */
  registry: string;
  repository: string;
  tag: string;
  digest: string;
}

// The grammar of the distribution reference format (github.com/distribution/reference).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Parses an image reference or throws INVALID_ARGUMENT naming the field and the expected shape. */
export function parseImageRef(ref: string, field: string): ImageRef {
  const fail = (why: string) =>
    invalidArgument(
      `${field} "${ref.slice(0, 200)}" is not a valid image reference (${why}); expected [registry/]repository[:tag][@sha256:<digest>], e.g. "ghcr.io/acme/app:1.2.3"`,
    );
  if (!ref)
    throw invalidArgument(`${field} is required: the image to run, e.g. "ghcr.io/acme/app:1.2.3" or an image_ref of a BuildService build`);
  if (ref.length > 512 || /\s/.test(ref)) throw fail('it contains spaces or is too long');
  let rest = ref;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw fail(`digest "${digest}" is malformed`);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw fail(`tag "${tag}" is malformed`);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasRegistry =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const registry = hasRegistry ? first : '';
  if (hasRegistry && !DOMAIN.test(registry)) throw fail(`registry "${registry}" is malformed`);
  const path = hasRegistry ? parts.slice(1) : parts;
  if (path.length === 0 || path.some((component) => !PATH_COMPONENT.test(component))) {
    throw fail('the repository must be lowercase letters, digits and separators');
  }
  if (rest.length > 255) throw fail('the name is longer than 255 characters');
  return { registry, repository: path.join('/'), tag, digest };
}
