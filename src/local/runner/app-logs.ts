import { redactText } from '../../shared/redact.js';
import { BuildJournal, type JournalWriter, type LineTags, type LogStream } from '../builder/journal.js';
import type { LocalStore } from '../store.js';
import { ExecutionWindows } from './execution-windows.js';

/**
 * App output is kept as the app's log, one journal per app ("<org>/<app>") under files/app-logs/ of
 * the data directory, in the build journal's append-only JSONL format: a gap-free seq per app
 * across all its versions and its draft, so one cursor pages the whole app, and each line tagged
 * with the version (or draft) that wrote it and, when known, its execution (execution-windows.ts).
 * Both engines write here: the container engine with the engine's timestamps, the process engine
 * with the time each line arrived. Lines are redacted on the way in.
 */
export const APP_LOGS = 'app-logs';

export class AppLogBook {
  readonly journal: BuildJournal;
  private readonly writers = new Map<string, Promise<JournalWriter>>();

  constructor(
    store: LocalStore,
    /** Known secret values (the vault's) masked in every line; secret-shaped strings always are. */
    private readonly secrets: () => readonly string[] = () => [],
  ) {
    this.journal = new BuildJournal(store, APP_LOGS);
  }

  static keyOf(organization: string, appName: string): string {
    return `${organization}/${appName}`;
  }

  /** Where the instance of `slot` ("acme/shop@v3", "acme/shop@draft") writes its lines. */
  async sink(slot: string): Promise<AppLogSink> {
    const at = slot.lastIndexOf('@');
    const key = slot.slice(0, at);
    const which = slot.slice(at + 1);
    let writer = this.writers.get(key);
    if (!writer) this.writers.set(key, (writer = this.journal.resume(key)));
    const tags: LineTags = which === 'draft' ? { version: 0, draft: true } : { version: Number(which.replace(/^v/, '')) };
    return new AppLogSink(await writer, tags, this.secrets);
  }

  /** Forgets an app's log (DeleteApp): its readers find it gone and end. */
  async remove(organization: string, appName: string): Promise<void> {
    const key = AppLogBook.keyOf(organization, appName);
    const writer = this.writers.get(key);
    this.writers.delete(key);
    (await writer?.catch(() => undefined))?.close();
    this.journal.remove(key);
  }

  async close(): Promise<void> {
    const writers = [...this.writers.values()];
    this.writers.clear();
    for (const writer of await Promise.allSettled(writers)) if (writer.status === 'fulfilled') writer.value.close();
  }
}

/** One instance's pen on its app's log: lines tagged with its version and the execution they belong to. */
export class AppLogSink {
  private readonly executions = new ExecutionWindows();
  private closed = false;

  constructor(
    private readonly writer: JournalWriter,
    private readonly tags: LineTags,
    private readonly secrets: () => readonly string[],
  ) {}

  line(stream: LogStream, text: string, timestampMs = Date.now()): void {
    if (this.closed) return;
    const executionId = stream === 'system' ? undefined : this.executions.attribute(timestampMs);
    this.writer.line(stream, redactText(text, this.secrets()), timestampMs, {
      ...this.tags,
      ...(executionId ? { execution_id: executionId } : {}),
    });
  }

  /** Marks an execution in flight on this instance; call the returned function when it is over. */
  begin(executionId: string | undefined): () => void {
    if (!executionId) return () => {};
    const end = this.executions.begin(executionId);
    // What the app printed before answering is already in its pipe, but on a busy machine the pipe may
    // be read after the response: the window ends only once the next I/O poll has read it (setImmediate
    // runs after the poll phase), so that output is stamped inside the window, however late the loop is.
    return () => void setImmediate(end);
  }

  /** The instance has stopped: later lines are dropped (the shared writer stays open for the app's other instances). */
  close(): void {
    this.closed = true;
  }
}
