import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { UserError } from '../shared/errors.js';
import { engineEnvironment } from './child-env.js';

/** Flags of `ignite-mcp local base-image`; the shared config parser skips them. */
export const BASE_IMAGE_FLAGS = ['from-host', 'from-rootfs', 'tag', 'map', 'cmd'];

const USAGE =
  'Usage: ignite-mcp local base-image (--from-host node|python3|busybox | --from-rootfs <file.tar> [--cmd \'["/bin/sh"]\']) --tag localhost/<name>:<tag> [--map <image>]...';

/**
 * `ignite-mcp local base-image`: makes a base image in the local Ignite's engine store from a
 * runtime of this host or a root-filesystem tarball, and with --map adds image map entries (to the
 * data directory's image-map.txt) so Dockerfiles that start FROM those images build offline.
 */
export async function runBaseImageCommand(argv: readonly string[], config: Readonly<Config>): Promise<void> {
  const host = flagValues(argv, 'from-host');
  const rootfs = flagValues(argv, 'from-rootfs');
  const tag = flagValues(argv, 'tag').at(-1);
  const maps = flagValues(argv, 'map');
  if (host.length + rootfs.length !== 1 || !tag) throw new UserError('base-image needs one source and a tag', USAGE);
  if (!tag.startsWith('localhost/'))
    throw new UserError(
      `--tag ${tag} must start with localhost/`,
      'A local base image is named localhost/<name>:<tag>, e.g. localhost/base/node:20, so it can never be mistaken for a registry image.',
    );
  const { HOST_RUNTIMES } = await import('../local/engines/host-rootfs.js');
  const runtime = host[0];
  if (runtime !== undefined && !(HOST_RUNTIMES as readonly string[]).includes(runtime))
    throw new UserError(`--from-host ${runtime} is not one of ${HOST_RUNTIMES.join(', ')}`, USAGE);
  const { selectEngine } = await import('../local/engines/detect.js');
  const { makeBaseImage } = await import('../local/engines/base-image.js');
  const { IMAGE_MAP_FILE } = await import('../local/engines/image-map.js');
  if (config.engine === 'process')
    throw new UserError(
      'base images live in a container engine\'s store, and the engine is "process"',
      'Run it with --engine auto, podman or docker.',
    );
  const dataDir = path.resolve(config.dataDir);
  const env = engineEnvironment(process.env);
  const selection = await selectEngine(config.engine, { storeDir: path.join(dataDir, 'engine'), env });
  if (!selection.engine)
    throw new UserError(
      `no container engine to make the image with: ${selection.why}`,
      'Install podman (Debian: apt-get install -y podman runc busybox-static).',
    );
  const cmd = flagValues(argv, 'cmd').at(-1);
  const source =
    runtime !== undefined
      ? {
          kind: 'host' as const,
          runtime: runtime as (typeof HOST_RUNTIMES)[number],
          options: { searchPath: env.PATH ?? '', caBundle: env.SSL_CERT_FILE ?? '/etc/ssl/certs/ca-certificates.crt' },
        }
      : {
          kind: 'rootfs' as const,
          tarFile: path.resolve(rootfs[0]!),
          changes: ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `CMD ${cmd ?? '["/bin/sh"]'}`],
        };
  mkdirSync(dataDir, { recursive: true });
  const made = await makeBaseImage(selection.engine, source, tag, os.tmpdir());
  process.stdout.write(
    `made ${tag} (${made.description}; ${Math.round(made.image.sizeBytes / 1e6)} MB, id ${made.image.id.slice(0, 12)}) in the ${selection.engine.describe()} store\n`,
  );
  if (maps.length > 0) {
    const file = path.join(dataDir, IMAGE_MAP_FILE);
    appendFileSync(file, maps.map((image) => `${image}=${tag}\n`).join(''));
    for (const image of maps) process.stdout.write(`image map: FROM ${image} now builds from ${tag} (${file})\n`);
  }
}

function flagValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}` && argv[i + 1] !== undefined) values.push(argv[++i]!);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}
