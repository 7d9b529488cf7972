import type { ContainerEngine } from '../engines/container-engine.js';

export interface ContainerRunSpec {
  name: string;
  imageId: string;
  /** Numeric, checked by checkContainerUser. */
  user: string;
  home: string;
  /** Everything the app's process sees besides the image's own ENV: app env, PORT, HOME. */
  env: Record<string, string>;
  containerPorts: readonly number[];
  memoryMb: number;
  cpuMillicores: number;
  labels: Readonly<Record<string, string>>;
  /** A 0600 file for the env, removed as soon as the container is created. */
  envFile: string;
}

/**
 * `run -d` under Ignite's container contract (docs/ignite-api.md §5.7): the configured ports
 * published on loopback only, non-root numeric user, read-only root with a writable $HOME, no
 * capabilities, no privilege escalation, low ports bindable (as on Ignite's clusters), the tier's
 * memory (without extra swap) and CPU enforced. The env goes through a file: values never reach a
 * command line, and the engine's own environment (with the host's proxies) never reaches the app.
 * Returns the arguments and the env file's content; values holding a newline travel in `childEnv`.
 */
export function containerRunArgs(engine: ContainerEngine, spec: ContainerRunSpec) {
  const podman = engine.name === 'podman';
  const uid = spec.user.split(':')[0]!;
  const gid = spec.user.split(':')[1] ?? uid;
  const fileLines: string[] = [];
  const childEnv: Record<string, string> = {};
  const envArgs: string[] = [];
  for (const [name, value] of Object.entries(spec.env)) {
    if (value.includes('\n')) {
      childEnv[name] = value;
      envArgs.push('--env', name);
    } else fileLines.push(`${name}=${value}`);
  }
  const args = [
    'run',
    '-d',
    '--name',
    spec.name,
    ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    '--user',
    spec.user,
    '--read-only',
    '--tmpfs',
    // podman: U chowns the tmpfs to the container user (a tmpfs over an existing directory ignores mode=).
    podman ? `${spec.home}:rw,U` : `${spec.home}:rw,uid=${uid},gid=${gid}`,
    '--cap-drop=ALL',
    '--security-opt',
    'no-new-privileges',
    '--sysctl',
    'net.ipv4.ip_unprivileged_port_start=0',
    '--memory',
    `${spec.memoryMb}m`,
    '--memory-swap',
    `${spec.memoryMb}m`,
    '--cpus',
    String(spec.cpuMillicores / 1000),
    // Ignite probes health_path; a Dockerfile HEALTHCHECK is not run there, nor here.
    '--no-healthcheck',
    ...(podman
      ? [
          // podman's default rlimits are above what this host lets runc set (see docs in README).
          '--ulimit',
          'nofile=1024:1024',
          '--ulimit',
          'nproc=1024:1024',
          // Otherwise podman copies its own proxy variables into the app's environment.
          '--http-proxy=false',
          '--pull=never',
        ]
      : []),
    '--env-file',
    spec.envFile,
    ...envArgs,
    ...spec.containerPorts.flatMap((port) => ['-p', `127.0.0.1::${port}`]),
    spec.imageId,
  ];
  return { args, envFileContent: `${fileLines.join('\n')}\n`, childEnv };
}

/** `8080/tcp -> 127.0.0.1:44565` lines of `<engine> port <id>`, as container port -> host port. */
export function parsePublishedPorts(text: string): Map<number, number> {
  const ports = new Map<number, number>();
  for (const line of text.split('\n')) {
    const match = /^(\d+)\/tcp -> (?:127\.0\.0\.1|0\.0\.0\.0|\[?::1?\]?):(\d+)$/.exec(line.trim());
    if (match && !ports.has(Number(match[1]))) ports.set(Number(match[1]), Number(match[2]));
  }
  return ports;
}
