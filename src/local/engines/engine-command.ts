import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-splitter.js';

export interface CommandOptions {
  env: Readonly<Record<string, string>>;
  /** Our own deadline: SIGTERM, then SIGKILL a second later. A silent registry would hang a pull for minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Every line as it is printed, with the stream it came from. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Bytes written to stdin, then closed; stdin is closed at once without it. */
  input?: NodeJS.ReadableStream;
  /** Called with the child as soon as it exists (cancel paths need its pid). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface CommandResult {
  code: number;
  /** The signal that ended it, when one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
}

/** Captured output is cut to the last this many characters per stream; lines still reach onLine in full. */
const MAX_CAPTURE = 256 * 1024;

/**
 * Runs an engine command to its end. Never throws for a non-zero exit: the caller decides what an
 * exit means, and quotes the engine's own words. Throws only when the program cannot be started.
 */
export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...options.env }, stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    const captured = { stdout: '', stderr: '' };
    let timedOut = false;
    let aborted = false;
    const splitters = (['stdout', 'stderr'] as const).map((stream) => {
      const splitter = new LineSplitter((line) => options.onLine?.(stream, line));
      child[stream]!.on('data', (chunk: Buffer) => {
        captured[stream] = (captured[stream] + chunk.toString()).slice(-MAX_CAPTURE);
        splitter.push(chunk);
      });
      return splitter;
    });
    if (options.input && child.stdin) {
      child.stdin.on('error', () => {});
      options.input.pipe(child.stdin);
    }
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 1000);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (err) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const splitter of splitters) splitter.flush();
      resolve({ code: code ?? 128, signal, ...captured, timedOut, aborted });
    });
  });
}

/** The engine's own explanation of a failure: its last `Error:` line, else its last line of output. */
export function engineError(result: Pick<CommandResult, 'stdout' | 'stderr'>): string {
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.filter((line) => /^Error[: ]|^error[: ]|level=error|ERROR:/.test(line)).at(-1);
  return (error ?? lines.at(-1) ?? 'no output').replace(/^Error:\s*/, '');
}
