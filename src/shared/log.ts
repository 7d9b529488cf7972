/** Logging for ignite-mcp. stdout is the MCP wire on stdio, so every line goes to stderr. */
import { redactKnownSecrets, redactText, scrubSecrets } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a part of the program; `secrets` are redacted from its lines on top of the parent's. */
  child(scope: string, secrets?: readonly string[]): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  scope?: string;
  /** Where lines go; stderr unless a test captures them. */
  write?: (line: string) => void;
  /** Strings that must never be printed (tokens, passwords); they and secret-shaped strings are redacted. */
  secrets?: () => readonly string[];
  /** The clock stamped on each line; tests pass a fixed one. */
  now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const secrets = options.secrets ?? (() => []);
  const now = options.now ?? (() => new Date());

  function make(scope: string | undefined, extra: readonly string[]): Logger {
    const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
      if (LEVEL_ORDER[level] < threshold) return;
      const prefix = scope ? `[ignite-mcp:${scope}]` : '[ignite-mcp]';
      const tail = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      // An ISO time first (UTC, to the millisecond), so lines from a long session can be placed.
      write(
        `${now().toISOString()} ${redactText(`${prefix} ${level}: ${message}${tail}`, extra.length > 0 ? [...secrets(), ...extra] : secrets())}\n`,
      );
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (child, more = []) => make(scope ? `${scope}:${child}` : child, [...extra, ...more]),
    };
  }
  return make(options.scope, []);
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = createLogger({ write: () => {} });

/**
 * `inner` with `secrets()` hidden as well, for values learned after `inner` was made (a secret
 * the user entered): messages and fields are scrubbed before `inner` formats and redacts them.
 */
export function withSecrets(inner: Logger, secrets: () => readonly string[]): Logger {
  const scrub =
    (write: (message: string, fields?: Record<string, unknown>) => void) => (message: string, fields?: Record<string, unknown>) =>
      write(redactKnownSecrets(message, secrets()), fields && scrubSecrets(fields, secrets()));
  return {
    debug: scrub((m, f) => inner.debug(m, f)),
    info: scrub((m, f) => inner.info(m, f)),
    warn: scrub((m, f) => inner.warn(m, f)),
    error: scrub((m, f) => inner.error(m, f)),
    child: (scope) => withSecrets(inner.child(scope), secrets),
  };
}
