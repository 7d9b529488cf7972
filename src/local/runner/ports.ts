import net from 'node:net';

/**
 * A loopback port nobody listens on right now. The app binds it a moment later; the gap is the
 * usual race of this technique, acceptable on a developer machine and retried by a fresh start.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no loopback port available'))));
    });
  });
}

/** Container port 80 is the platform's default when an app lists no ports (documented: $PORT defaults to 80). */
export const DEFAULT_CONTAINER_PORT = 80;

export function containerPortsOf(ports: readonly number[]): number[] {
  return ports.length > 0 ? [...ports] : [DEFAULT_CONTAINER_PORT];
}

/**
 * The local stand-in for the platform's port mapping. A pod would listen on each container port;
 * host processes cannot all have port 80, so each container port P gets its own free loopback port:
 * `PORT` is the first one's host port and `PORT_<P>` names every one's host port.
 */
export async function allocateHostPorts(containerPorts: readonly number[]): Promise<Map<number, number>> {
  const mapping = new Map<number, number>();
  for (const port of containerPorts) {
    let host = await freeLoopbackPort();
    while ([...mapping.values()].includes(host)) host = await freeLoopbackPort();
    mapping.set(port, host);
  }
  return mapping;
}

export function portEnv(mapping: ReadonlyMap<number, number>): Record<string, string> {
  const env: Record<string, string> = {};
  const first = mapping.values().next();
  if (!first.done) env.PORT = String(first.value);
  for (const [container, host] of mapping) env[`PORT_${container}`] = String(host);
  return env;
}
