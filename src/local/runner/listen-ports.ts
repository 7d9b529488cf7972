import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** TCP state 0A is LISTEN in /proc/net/tcp. */
const LISTEN = '0A';

interface Listener {
  port: number;
  inode: string;
  /** Bound to a loopback address only (127.x, ::1, ::ffff:127.x), not to all interfaces. */
  loopback: boolean;
}

/** /proc/net/tcp addresses are hex in host byte order: 0100007F is 127.0.0.1. */
function isLoopbackHex(address: string): boolean {
  if (address.length === 8) return address.endsWith('7F');
  return address === '00000000000000000000000001000000' || (address.startsWith('0000000000000000FFFF0000') && address.endsWith('7F'));
}

/** Listening TCP sockets of the network namespace `pid` lives in (/proc/<pid>/net/tcp and tcp6). */
function listenersSeenBy(pid: number): Listener[] {
  const listeners: Listener[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const [address, portHex] = fields[1]!.split(':') as [string, string];
      const port = Number.parseInt(portHex, 16);
      if (Number.isInteger(port)) listeners.push({ port, inode: fields[9]!, loopback: isLoopbackHex(address.toUpperCase()) });
    }
  }
  return listeners;
}

/** Socket inodes open in the processes of a process group (the app and whatever it forked). */
function socketInodesOfGroup(groupId: number): Set<string> {
  const inodes = new Set<string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces and parentheses: state ppid pgrp ...
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== groupId) continue;
      for (const fd of readdirSync(`/proc/${name}/fd`)) {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${name}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      }
    } catch {
      continue;
    }
  }
  return inodes;
}

/** Ports a host process group listens on (its own sockets only; the host has many others). */
export function portsListenedByGroup(groupId: number): number[] {
  const inodes = socketInodesOfGroup(groupId);
  return unique(listenersSeenBy(groupId).filter((listener) => inodes.has(listener.inode)));
}

/** Ports anything listens on in a container's network namespace, seen through the pid of its first process. */
export function portsListenedInNamespaceOf(pid: number): number[] {
  return unique(listenersSeenBy(pid));
}

/** Ports listened on in a container's network namespace only on loopback, which port publishing cannot reach. */
export function loopbackOnlyPortsInNamespaceOf(pid: number): number[] {
  const listeners = listenersSeenBy(pid);
  return unique(
    listeners.filter((listener) => listener.loopback && !listeners.some((other) => other.port === listener.port && !other.loopback)),
  );
}

function unique(listeners: Listener[]): number[] {
  return [...new Set(listeners.map((listener) => listener.port))].sort((a, b) => a - b);
}

/**
 * The commonest reason an app never gets healthy: it listens, but not on the port it was given.
 * Undefined when it listens on the expected port or on nothing (then the output says more).
 */
export function wrongPortDiagnosis(listening: readonly number[], expected: number, advice: string): string | undefined {
  if (listening.length === 0 || listening.includes(expected)) return undefined;
  return `the app listens on ${listening.join(', ')}, not on $PORT=${expected}; ${advice}`;
}

/** Inside a container, an app bound to 127.0.0.1 is reachable from nowhere but the container itself. */
export function loopbackOnlyDiagnosis(loopbackOnly: readonly number[], expected: number): string | undefined {
  if (!loopbackOnly.includes(expected)) return undefined;
  return `the app listens on 127.0.0.1:${expected} only, the container's own loopback, which published ports (and Ignite's router) cannot reach; make it listen on 0.0.0.0 (all interfaces)`;
}
