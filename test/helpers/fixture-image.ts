import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImageRegistry, localImageRef, type ImageConfig, type ImageRecord } from '../../src/local/images.js';
import type { LocalIgnite } from '../../src/local/server.js';

export const EXAMPLE_APP_DIR = path.resolve('test/fixtures/example-app');

/** The config the example app's Dockerfile makes. */
export function exampleAppConfig(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    base_image: 'node:20-alpine',
    entrypoint: [],
    cmd: ['node', 'server.js'],
    env: { NODE_ENV: 'production', HOME: '/tmp/ignite' },
    workdir: '/app',
    user: '1000',
    exposed_ports: [8080],
    labels: {},
    ...overrides,
  };
}

/**
 * Puts an image into the local registry as a build would: the example app's files under /app of
 * a fresh rootfs, with the given config. Returns its ref, localhost/<org>/<name>:<tag>.
 */
export function registerExampleImage(
  ignite: LocalIgnite,
  options: { org?: string; name?: string; tag?: string; config?: Partial<ImageConfig>; files?: Record<string, string> } = {},
): ImageRecord & { ref: string } {
  const org = options.org ?? 'local';
  const ref = localImageRef(org, options.name ?? 'example', options.tag ?? 'latest');
  const id = `test-${randomUUID()}`;
  const registry = new ImageRegistry(ignite.store);
  const rootfs = registry.rootfsDir(id);
  mkdirSync(path.join(rootfs, 'app'), { recursive: true });
  cpSync(EXAMPLE_APP_DIR, path.join(rootfs, 'app'), { recursive: true });
  for (const [file, content] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(rootfs, file)), { recursive: true });
    writeFileSync(path.join(rootfs, file), content, { mode: 0o755 });
  }
  const config = exampleAppConfig(options.config);
  const record: ImageRecord = {
    digest: `sha256:${createHash('sha256').update(id).digest('hex')}`,
    refs: [ref],
    organization_name: org,
    config,
    rootfs_dir: rootfs,
    steps_not_executed: ['RUN npm ci --omit=dev'],
    build_id: id,
    created_at_ms: Date.now(),
    size_bytes: 0,
  };
  registry.add(record);
  return { ...record, ref };
}
