import type { ContainerEngineName } from './engines/engine-choice.js';
import type { Collection, LocalStore } from './store.js';

/** What a Dockerfile's FROM/WORKDIR/ENV/EXPOSE/USER/CMD/ENTRYPOINT/LABEL make of an image. */
export interface ImageConfig {
  base_image: string;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workdir: string;
  user: string;
  exposed_ports: number[];
  labels: Record<string, string>;
}

/**
 * An image of the local registry: assembled by the process engine (its files in `rootfs_dir`, a
 * directory of real files), or built or pulled by a container engine (in that engine's store).
 */
export interface ImageRecord {
  /** "sha256:<hex>" over the image config and the file tree. */
  digest: string;
  /** Refs like "localhost/<org>/<name>:<tag>". */
  refs: string[];
  organization_name: string;
  config: ImageConfig;
  /** Empty when the image lives in a container engine's store instead (see `engine`). */
  rootfs_dir: string;
  /** The container engine whose store holds the image, under its digest; absent for assembled images. */
  engine?: ContainerEngineName;
  /** Dockerfile steps recorded but not executed (RUN needs a container engine). */
  steps_not_executed: string[];
  build_id: string;
  created_at_ms: number;
  size_bytes: number;
}

export const LOCAL_REGISTRY_HOST = 'localhost';

export function localImageRef(org: string, name: string, tag: string): string {
  return `${LOCAL_REGISTRY_HOST}/${org}/${name}:${tag}`;
}

/** Images by digest, with lookup by any of their refs or by `<repo>@<digest>`. */
export class ImageRegistry {
  private readonly images: Collection<ImageRecord>;

  constructor(private readonly store: LocalStore) {
    this.images = store.collection<ImageRecord>('images');
  }

  /** A fresh directory for an image's files, named after the build that makes it. */
  rootfsDir(buildId: string): string {
    return this.store.filePath('rootfs', buildId);
  }

  /** Records an image; a ref already held by another image moves to this one, as a registry push does. */
  add(image: ImageRecord): void {
    for (const other of this.images.values()) {
      if (other.digest === image.digest) continue;
      const kept = other.refs.filter((ref) => !image.refs.includes(ref));
      if (kept.length !== other.refs.length) this.images.put(other.digest, { ...other, refs: kept });
    }
    const existing = this.images.get(image.digest);
    const refs = existing ? [...new Set([...existing.refs, ...image.refs])] : image.refs;
    this.images.put(image.digest, { ...image, refs });
  }

  get(digest: string): ImageRecord | undefined {
    return this.images.get(digest);
  }

  resolve(ref: string): ImageRecord | undefined {
    const at = ref.lastIndexOf('@');
    if (at > 0) {
      const image = this.images.get(ref.slice(at + 1));
      const repo = ref.slice(0, at);
      return image && image.refs.some((r) => r.startsWith(`${repo}:`)) ? image : undefined;
    }
    const withTag = /:[^/]+$/.test(ref) ? ref : `${ref}:latest`;
    return this.images.values().find((image) => image.refs.includes(withTag));
  }

  /** True for refs this registry could hold; anything else would need a pull from a real registry. */
  static isLocalRef(ref: string): boolean {
    return ref.startsWith(`${LOCAL_REGISTRY_HOST}/`);
  }
}
