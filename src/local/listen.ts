import { chmodSync, lstatSync, rmSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';

/**
 * Where the local Ignite listens: a Unix domain socket (mode 0600) or TCP, and what it really
 * bound; a failure to listen says why, for the command line to say what to do.
 */

/** Why the server could not listen. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly reason: 'in-use' | 'denied' | 'not-a-socket' | 'other',
    readonly address: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Listening {
  endpoint: string;
  bound: string;
  port: number;
}

export async function listen(server: grpc.Server, options: { socketPath?: string; host?: string; port?: number }): Promise<Listening> {
  const socketPath = options.socketPath;
  const host = options.host ?? '127.0.0.1';
  const address = socketPath ?? `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 0}`;
  if (socketPath) removeStaleSocket(socketPath);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(socketPath ? `unix:${socketPath}` : address, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(listenError(err, address)) : resolve(bound),
    );
  });
  if (socketPath) {
    // The folder (0700) already keeps others out; the socket's own mode says so too, whatever the umask.
    chmodSync(socketPath, 0o600);
    return { endpoint: `unix:${socketPath}`, bound: socketPath, port: 0 };
  }
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { endpoint: `${dialHost}:${port}`, bound: `${host.includes(':') ? `[${host}]` : host}:${port}`, port };
}

/** A socket left by a process that died; the caller holds the data directory's lock, so it is nobody's. */
function removeStaleSocket(socketPath: string): void {
  let info;
  try {
    info = lstatSync(socketPath);
  } catch {
    return;
  }
  if (!info.isSocket()) throw new ListenError('not-a-socket', socketPath, `${socketPath} exists and is not a socket`);
  rmSync(socketPath, { force: true });
}

function listenError(err: Error, address: string): ListenError {
  const text = err.message;
  if (/EADDRINUSE/.test(text)) return new ListenError('in-use', address, `${address} is already in use`);
  if (/EACCES|EPERM/.test(text)) return new ListenError('denied', address, `no permission to listen on ${address}`);
  return new ListenError('other', address, `cannot listen on ${address}: ${text.split('\n', 1)[0]}`);
}
