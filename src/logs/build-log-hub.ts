import type { BackoffPolicy } from '../shared/backoff.js';
import type { Logger } from '../shared/log.js';
import { followLog, type FollowLogOptions, type LogFrame, type LogLine, type StreamBuildLogs } from './follow-log.js';

export type LogEvent =
  | LogFrame
  /** The upstream stream failed for good (not a passing fault); followers should stop. */
  | { kind: 'failed'; error: unknown };

export interface BuildLogHubOptions {
  streamBuildLogs?: StreamBuildLogs;
  /**
   * How the log under a key is followed, when it is not a build's through streamBuildLogs (the app
   * log hub, app-log-hub.ts): always through the one resume loop of follow-log.ts.
   */
  follow?: (key: string, afterSeq: number, options: FollowLogOptions) => AsyncGenerator<LogFrame>;
  /** Failures worth resuming after; by default the status table's `resumable` column. */
  isRetryable?: (err: unknown) => boolean;
  logger: Logger;
  /** Values redacted from every line (the configured token); secret-shaped strings always are. */
  secrets?: () => readonly string[];
  /** Lines kept per followed build for late joiners; older lines are re-read upstream. */
  recentLines?: number;
  /** Resume attempts after a cut stream before giving up. */
  maxResumes?: number;
  /**
   * Asks for the build's state when its stream has been silent for `idleCheckMs`: a connection
   * can hang without failing, and a build that ended meanwhile would otherwise never be reported.
   */
  checkBuild?: (buildId: string, signal: AbortSignal) => Promise<{ status: string; terminal: boolean; error: string }>;
  idleCheckMs?: number;
  backoffMs?: (attempt: number) => number;
}

type Listener = (event: LogEvent) => void;

const RESUME_BACKOFF: BackoffPolicy = { baseDelayMs: 50, maxDelayMs: 2000 };

interface Followed {
  listeners: Set<Listener>;
  controller: AbortController;
  recent: LogLine[];
  lastSeq: number;
  /** Tells the open stream's silence watchdog that a frame arrived. */
  heard?: (() => void) | undefined;
  terminal?: { status: string; error: string };
}

/**
 * One upstream StreamBuildLogs per build, however many resource subscribers and waiters follow
 * it. A cut stream is resumed after the last sequence number seen, so no line is lost or repeated.
 * Memory per build is bounded by `recentLines`.
 */
export class BuildLogHub {
  private readonly followed = new Map<string, Followed>();
  private readonly recentLimit: number;

  constructor(private readonly options: BuildLogHubOptions) {
    this.recentLimit = options.recentLines ?? 2000;
  }

  /** Number of builds with an open upstream stream (for tests and shutdown). */
  get activeStreams(): number {
    return this.followed.size;
  }

  /**
   * Calls `listener` with every line after `afterSeq` (replayed first) and every status change,
   * until the build ends or the returned function is called.
   */
  follow(buildId: string, deliver: Listener, afterSeq = 0): () => void {
    // The shared stream may be behind this follower's cursor; each follower sees only its own range.
    const listener: Listener = (event) => {
      if (event.kind !== 'line' || event.line.seq > afterSeq) deliver(event);
    };
    let entry = this.followed.get(buildId);
    if (!entry) {
      entry = { listeners: new Set(), controller: new AbortController(), recent: [], lastSeq: afterSeq };
      this.followed.set(buildId, entry);
      void this.pump(buildId, entry);
    } else {
      const oldest = entry.recent[0]?.seq ?? entry.lastSeq + 1;
      if (afterSeq + 1 < oldest) {
        // The late joiner wants lines the shared buffer no longer has: give it its own replay.
        return this.followSeparately(buildId, listener, afterSeq);
      }
      for (const line of entry.recent) if (line.seq > afterSeq) listener({ kind: 'line', line });
      if (entry.terminal) listener({ kind: 'status', status: entry.terminal.status, terminal: true, error: entry.terminal.error });
    }
    const current = entry;
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.followed.get(buildId) === current) {
        current.controller.abort();
        this.followed.delete(buildId);
      }
    };
  }

  /**
   * Lines in (afterSeq, untilSeq] from the buffer of a build being followed, or undefined when the
   * buffer does not hold all of them. Readers that keep up with a subscription are served from
   * here instead of opening (and cancelling) an upstream stream per read.
   */
  linesBetween(buildId: string, afterSeq: number, untilSeq: number): LogLine[] | undefined {
    const entry = this.followed.get(buildId);
    if (!entry || entry.lastSeq < untilSeq) return undefined;
    if (untilSeq <= afterSeq) return [];
    const first = entry.recent[0];
    if (!first || first.seq > afterSeq + 1) return undefined;
    return entry.recent.filter((line) => line.seq > afterSeq && line.seq <= untilSeq);
  }

  /** Stops every upstream stream. */
  close(): void {
    for (const entry of this.followed.values()) entry.controller.abort();
    this.followed.clear();
  }

  private followSeparately(buildId: string, listener: Listener, afterSeq: number): () => void {
    const entry: Followed = { listeners: new Set([listener]), controller: new AbortController(), recent: [], lastSeq: afterSeq };
    void this.pump(buildId, entry);
    return () => entry.controller.abort();
  }

  /** While a stream is silent, checks the build now and then; an ended build ends the stream. */
  private watchSilence(buildId: string, entry: Followed, current: AbortController, emit: (event: LogEvent) => void) {
    const { checkBuild } = this.options;
    const every = this.options.idleCheckMs ?? 15_000;
    if (!checkBuild) return noWatchdog();
    let lastHeard = Date.now();
    let checking = false;
    const timer = setInterval(
      () => {
        if (checking || Date.now() - lastHeard < every) return;
        checking = true;
        checkBuild(buildId, current.signal)
          .then(({ status, terminal, error }) => {
            if (!terminal || entry.terminal || current.signal.aborted) return;
            this.options.logger.debug(`build ${buildId} ended while its log stream was silent; stopping it`);
            entry.terminal = { status, error };
            emit({ kind: 'status', status, terminal: true, error });
            current.abort();
          })
          .catch(() => undefined)
          .finally(() => {
            checking = false;
            lastHeard = Date.now();
          });
      },
      Math.max(10, Math.min(every, 1000)),
    );
    timer.unref();
    return {
      heard: () => void (lastHeard = Date.now()),
      stop: () => clearInterval(timer),
    };
  }

  private async pump(buildId: string, entry: Followed): Promise<void> {
    const { signal } = entry.controller;
    const emit = (event: LogEvent) => {
      for (const listener of [...entry.listeners]) listener(event);
    };
    try {
      const follow = this.options.follow ?? ((key, after, options) => followLog(this.options.streamBuildLogs!, key, after, options));
      const frames = follow(buildId, entry.lastSeq, {
        maxResumes: this.options.maxResumes ?? 8,
        backoff: this.options.backoffMs ?? RESUME_BACKOFF,
        signal,
        // Lines are redacted as they enter, so recent lines, waiters and progress messages never hold a secret.
        secrets: this.options.secrets?.() ?? [],
        isResumable: this.options.isRetryable,
        onStreamOpened: (stream) => {
          const watchdog = this.watchSilence(buildId, entry, stream, emit);
          entry.heard = watchdog.heard;
          return () => {
            watchdog.stop();
            entry.heard = undefined;
          };
        },
      });
      for await (const frame of frames) {
        entry.heard?.();
        if (frame.kind === 'line') {
          entry.lastSeq = frame.line.seq;
          entry.recent.push(frame.line);
          if (entry.recent.length > this.recentLimit) entry.recent.splice(0, entry.recent.length - this.recentLimit);
        } else if (frame.terminal) {
          entry.terminal = { status: frame.status, error: frame.error };
        }
        emit(frame);
      }
    } catch (err) {
      // A watchdog that saw the build end cancels the silent stream; that is an ending, not a failure.
      if (!signal.aborted && !entry.terminal) {
        this.options.logger.debug(`build log stream for ${buildId} failed for good after seq ${entry.lastSeq}`);
        emit({ kind: 'failed', error: err });
      }
    }
    entry.listeners.clear();
    if (this.followed.get(buildId) === entry) this.followed.delete(buildId);
  }
}

function noWatchdog(): { heard(): void; stop(): void } {
  return { heard: () => {}, stop: () => {} };
}
