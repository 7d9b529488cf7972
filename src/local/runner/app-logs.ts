/**
 * Container stdout and stderr are kept as the app's logs, one journal per version slot
 * ("<org>/<app>@v3", "<org>/<app>@draft") under files/app-logs/ of the data directory: the build
 * journal's append-only JSONL format (gap-free seq, the engine's timestamp, stream, text), so a
 * reader can page them by sequence number. Each start of a version appends to its journal.
 */
export const APP_LOGS = 'app-logs';
