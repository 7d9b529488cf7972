import * as grpc from '@grpc/grpc-js';
import path from 'node:path';
import { normalizeRegistry, type RegistryLogin } from '../engines/auth-file.js';
import type { ContainerEngine } from '../engines/container-engine.js';
import { EngineFailure } from '../engines/container-engine.js';
import { qualifyImageRef, registryOf } from '../engines/image-names.js';
import { pullImage } from '../engines/pull.js';
import type { ImageRecord } from '../images.js';
import { RpcError, failedPrecondition } from '../rpc/errors.js';
import type { ComputeParts } from './parts.js';

/**
 * A prebuilt image_ref outside the local registry, pulled by the container engine at deploy time
 * (as the platform pulls it), with the draft's registry secret written to a temporary auth file for
 * this pull only. Present images are not pulled again, except `:latest` (Kubernetes' rule).
 * The pulled image is recorded in the local registry so published versions can run it by digest.
 */
export async function pulledImage(
  compute: ComputeParts,
  engine: ContainerEngine,
  organization: string,
  ref: string,
  registrySecretRef: string,
): Promise<ImageRecord> {
  const qualified = qualifyImageRef(ref);
  let image = qualified.endsWith(':latest') ? undefined : await engine.inspectImage(qualified);
  if (!image) {
    try {
      await pullImage(engine, qualified, {
        logins: loginsOf(compute, organization, registrySecretRef, qualified),
        authRoot: path.dirname(compute.deps.store.filePath('engine-auth', 'probe')),
        timeoutMs: compute.deps.limits.pullTimeoutMs,
        onLine: (stream, line) => compute.log.debug(line, { pull: qualified, stream }),
      });
    } catch (err) {
      if (!(err instanceof EngineFailure)) throw err;
      throw failedPrecondition(`image "${ref}" cannot be run: ${err.message}`);
    }
    image = await engine.inspectImage(qualified);
    if (!image) throw new RpcError(grpc.status.INTERNAL, `${engine.name} pulled ${qualified} but cannot inspect it`);
  }
  const record: ImageRecord = {
    digest: image.digest,
    refs: [ref],
    organization_name: organization,
    config: { ...image.config, base_image: qualified },
    rootfs_dir: '',
    engine: engine.name,
    steps_not_executed: [],
    build_id: '',
    created_at_ms: Date.now(),
    size_bytes: image.sizeBytes,
  };
  compute.deps.images.add(record);
  return record;
}

/** The registry secret as a login for the image's registry (its server_address, or the ref's registry). */
function loginsOf(compute: ComputeParts, organization: string, secretRef: string, qualified: string): RegistryLogin[] {
  if (!secretRef) return [];
  const secret = compute.deps.vault.get(organization, secretRef)?.registry_secret;
  if (!secret) return [];
  const registry = secret.server_address ? normalizeRegistry(secret.server_address) : registryOf(qualified);
  return [{ registry, username: secret.username, password: secret.password }];
}
