import type { ChildProcess } from 'node:child_process';
import type { ContainerEngine } from '../engines/container-engine.js';

export interface ContainerOutputHandlers {
  /** A line of the container's stdout or stderr, with the engine's timestamp (ms). */
  onLine(stream: 'stdout' | 'stderr', text: string, atMs: number): void;
  /** The container's exit code, once it has ended and its output has been read. */
  onExit(code: number): void;
}

/** How long the log reader gets to deliver the last lines after the container has ended. */
const DRAIN_MS = 2000;

/**
 * Reads a container's output as it is printed (`logs -f --timestamps`: stdout on stdout, stderr on
 * stderr, each line prefixed with an RFC 3339 time) and waits for its exit code (`wait`).
 */
export function followContainer(
  engine: ContainerEngine,
  id: string,
  handlers: ContainerOutputHandlers,
): { exited: Promise<void>; close(): Promise<void> } {
  let reader: ChildProcess | undefined;
  const read = engine
    .command(['logs', '-f', '--timestamps', id], {
      onSpawn: (child) => (reader = child),
      onLine: (stream, line) => {
        const space = line.indexOf(' ');
        const at = space > 0 ? Date.parse(line.slice(0, space)) : Number.NaN;
        if (Number.isNaN(at)) handlers.onLine(stream, line, Date.now());
        else handlers.onLine(stream, line.slice(space + 1), at);
      },
    })
    .catch(() => undefined);
  const exited = engine
    .command(['wait', id])
    .then(async (result) => {
      await Promise.race([read, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      const code = Number.parseInt(result.stdout.trim().split('\n').at(-1) ?? '', 10);
      handlers.onExit(Number.isInteger(code) ? code : -1);
    })
    .catch(() => handlers.onExit(-1));
  return {
    exited,
    async close() {
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      reader?.kill('SIGTERM');
      await read;
    },
  };
}
