import { closeSync, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BuildStatus__Output } from '../../contract/generated/dodil/ignite/v1/BuildStatus.js';
import type { LocalStore } from '../store.js';
import { redactKnownSecrets } from '../../shared/redact.js';

export type LogStream = 'system' | 'stdout' | 'stderr';

export interface JournalLine {
  seq: number;
  timestamp_ms: number;
  stream: LogStream;
  text: string;
}

export interface JournalStatus {
  status: BuildStatus__Output;
  at_ms: number;
  terminal: boolean;
  error: string;
}

export type JournalEntry = { kind: 'line'; line: JournalLine } | { kind: 'status'; status: JournalStatus };

/** Longest line kept; longer output is cut so one line can never hold a reader's memory hostage. */
const MAX_LINE_CHARS = 16 * 1024;
const READ_CHUNK = 64 * 1024;
/** Secrets shorter than this are not searched for: masking every "a" would wreck the log and hide nothing. */
/** Every this many lines the byte offset of a line is remembered, so a reader can start near a seq. */
const INDEX_EVERY_LINES = 256;

/** Where line `seq` starts in the file. */
interface IndexPoint {
  seq: number;
  offset: number;
}

/**
 * A build's log as an append-only JSONL file: numbered lines and status changes in the order they
 * happened. Appends are synchronous, so an entry is on disk before anyone is told it exists, and
 * readers only ever need a byte offset to resume without loss or duplication.
 */
export class BuildJournal {
  private readonly waiters = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  // Sparse per-build seq -> offset points, filled by writers and by any read that passes them, so
  // resuming after seq N costs a seek instead of parsing the log from the start.
  private readonly index = new Map<string, IndexPoint[]>();

  /** `kind` names the folder: build logs by default; app logs (runner/app-logs.ts) keep the same format in their own. */
  constructor(
    private readonly store: LocalStore,
    private readonly kind = 'build-logs',
  ) {}

  file(buildId: string): string {
    return this.store.filePath(this.kind, buildId);
  }

  /** Starts the journal of a new build. */
  create(buildId: string, redactions: readonly string[] = []): JournalWriter {
    const fd = openSync(this.file(buildId), 'w');
    this.index.delete(buildId);
    return new JournalWriter(
      fd,
      0,
      0,
      redactions,
      () => this.notify(buildId),
      (point) => this.remember(buildId, point),
    );
  }

  /** Reopens after a restart, continuing the sequence on disk; a line torn by a crash is cut. */
  async resume(buildId: string): Promise<JournalWriter> {
    if (!existsSync(this.file(buildId))) return this.create(buildId);
    let seq = 0;
    let bytes = 0;
    for await (const { entry, end } of this.read(buildId, 0)) {
      if (entry.kind === 'line') seq = entry.line.seq;
      bytes = end;
    }
    const fd = openSync(this.file(buildId), 'r+');
    ftruncateSync(fd, bytes);
    return new JournalWriter(
      fd,
      seq,
      bytes,
      [],
      () => this.notify(buildId),
      (point) => this.remember(buildId, point),
    );
  }

  /**
   * A byte offset from which reading finds every line after `afterSeq`, and the seq of the line
   * just before that offset (0 at the start of the file).
   */
  resumePoint(buildId: string, afterSeq: number): { offset: number; seqBefore: number } {
    const points = this.index.get(buildId) ?? [];
    let low = 0;
    let high = points.length - 1;
    let best: IndexPoint | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const point = points[middle]!;
      if (point.seq <= afterSeq + 1) {
        best = point;
        low = middle + 1;
      } else high = middle - 1;
    }
    return best ? { offset: best.offset, seqBefore: best.seq - 1 } : { offset: 0, seqBefore: 0 };
  }

  private remember(buildId: string, point: IndexPoint): void {
    if (point.seq % INDEX_EVERY_LINES !== 1) return;
    let points = this.index.get(buildId);
    if (!points) this.index.set(buildId, (points = []));
    const last = points.at(-1);
    if (!last || point.seq > last.seq) points.push(point);
  }

  /** Resolves at the next append to this build's journal; take it before reading to miss nothing. */
  changed(buildId: string): Promise<void> {
    let waiter = this.waiters.get(buildId);
    if (!waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      waiter = { promise, resolve };
      this.waiters.set(buildId, waiter);
    }
    return waiter.promise;
  }

  private notify(buildId: string): void {
    const waiter = this.waiters.get(buildId);
    this.waiters.delete(buildId);
    waiter?.resolve();
  }

  /** Entries from byte `offset` on, each with the offset just past it; an incomplete last line is left for later. */
  async *read(buildId: string, offset: number): AsyncGenerator<{ entry: JournalEntry; end: number }> {
    const handle = await open(this.file(buildId), 'r').catch(() => undefined);
    if (!handle) return;
    try {
      const chunk = Buffer.alloc(READ_CHUNK);
      let pending = Buffer.alloc(0);
      let position = offset;
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        const data = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
        const dataStart = position - data.length;
        let start = 0;
        for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a, start)) {
          const entry = parseEntry(data.toString('utf8', start, newline));
          if (entry?.kind === 'line') this.remember(buildId, { seq: entry.line.seq, offset: dataStart + start });
          start = newline + 1;
          if (entry) yield { entry, end: dataStart + start };
        }
        pending = Buffer.from(data.subarray(start));
      }
    } finally {
      await handle.close();
    }
  }
}

export class JournalWriter {
  private closed = false;

  constructor(
    private readonly fd: number,
    private lastSeq: number,
    private size: number,
    private readonly redactions: readonly string[],
    private readonly onAppend: () => void,
    private readonly onLineOffset: (point: IndexPoint) => void,
  ) {}

  get seq(): number {
    return this.lastSeq;
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends a line (secret values masked); ignored once the build has ended. `timestampMs` defaults to now. */
  line(stream: LogStream, text: string, timestampMs = Date.now()): void {
    if (this.closed) return;
    let clean = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (line truncated)` : text;
    clean = redactKnownSecrets(clean, this.redactions);
    this.onLineOffset({ seq: this.lastSeq + 1, offset: this.size });
    this.append({ seq: this.lastSeq + 1, timestamp_ms: timestampMs, stream, text: clean });
    this.lastSeq++;
  }

  status(status: JournalStatus): void {
    if (this.closed) return;
    this.append(status);
    if (status.terminal) this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private append(entry: JournalLine | JournalStatus): void {
    const data = Buffer.from(`${JSON.stringify(entry)}\n`);
    writeSync(this.fd, data, 0, data.length, this.size);
    this.size += data.length;
    this.onAppend();
  }
}

function parseEntry(text: string): JournalEntry | undefined {
  try {
    const value = JSON.parse(text) as Partial<JournalLine & JournalStatus>;
    if (typeof value.seq === 'number') return { kind: 'line', line: value as JournalLine };
    if (typeof value.status === 'string') return { kind: 'status', status: value as JournalStatus };
  } catch {
    // A line cut by a crash; the writer truncates it on reopen.
  }
  return undefined;
}
