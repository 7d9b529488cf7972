import type { ContainerEngine } from '../engines/container-engine.js';
import { EngineFailure } from '../engines/container-engine.js';
import { qualifyImageRef } from '../engines/image-names.js';
import { pullImage } from '../engines/pull.js';
import type { RegistryLogin } from '../engines/auth-file.js';
import { ImageRegistry } from '../images.js';
import { BuildFailure, type BuildOutput } from './build-output.js';
import type { StageSource } from './stage-base.js';

export interface BaseResolution {
  engine: ContainerEngine;
  /** Qualified source -> local image (the image map). */
  imageMap: ReadonlyMap<string, string>;
  logins: readonly RegistryLogin[];
  authRoot: string;
  pullTimeoutMs: number;
  platform: string;
  /** Images of the local registry this organization may use. */
  stageSources: StageSource;
  output: BuildOutput;
  signal: AbortSignal;
}

/**
 * Makes every base image of a build present in the engine's store before the build starts, so the
 * build itself never pulls (it runs with --pull=never) and every pull has our own timeout:
 * - an image the image map names is tagged from its local stand-in (offline route, see README);
 * - localhost/... images must be the organization's own builds or engine-local images (base images);
 * - anything else already in the store is used as it is; otherwise it is pulled, with the org's
 *   registry credentials in a temporary auth file, and a registry that cannot be reached fails the
 *   build with the engine's own error.
 */
export async function ensureBaseImages(images: readonly string[], context: BaseResolution): Promise<void> {
  const { engine, output } = context;
  for (const written of images) {
    const qualified = qualifyImageRef(written);
    const mapped = context.imageMap.get(qualified);
    if (mapped) {
      const local = await engine.inspectImage(mapped);
      if (!local) {
        throw new BuildFailure(
          `the image map sends ${written} to ${mapped}, which is not in the ${engine.name} store; make it with \`ignite-mcp local base-image --from-host <node|python3|busybox> --tag ${mapped}\` (or --from-rootfs <tar>)`,
        );
      }
      await engine.tag(local.id, qualified);
      output.system(` ---> ${written}: the local image ${mapped} (${local.id.slice(0, 12)}), from the image map`);
      continue;
    }
    if (ImageRegistry.isLocalRef(qualified)) {
      // The engine's store is shared by every organization of this local Ignite; the registry is not.
      if (context.stageSources.heldByOtherOrganization?.(qualified)) {
        throw new BuildFailure(`${written}: no such image in the local Ignite (it holds only the images it built for this organization)`);
      }
      continue;
    }
    if (await engine.inspectImage(qualified)) continue;
    output.system(` ---> pulling ${qualified} with ${engine.name}`);
    try {
      await pullImage(engine, qualified, {
        logins: context.logins,
        authRoot: context.authRoot,
        platform: context.platform || undefined,
        timeoutMs: context.pullTimeoutMs,
        signal: context.signal,
        onLine: (stream, line) => output[stream](line),
      });
    } catch (err) {
      if (!(err instanceof EngineFailure)) throw err;
      throw new BuildFailure(
        `${err.message}. To build offline, map it to a local image: IGNITE_MCP_IMAGE_MAP="${written}=localhost/base/<name>:<tag>" after \`ignite-mcp local base-image\` (see the README)`,
      );
    }
  }
}
