/**
 * Exactly one writer per data directory. Node has no flock, so the lock is a file created
 * atomically: its content is written to a temp file first and `link()`ed into place, which fails
 * with EEXIST when a lock exists and never shows a half-written one. The holder is named by pid
 * and start time (shared/processes.ts), so a lock left by a process that died, or whose pid was
 * reused, is recognised as stale.
 *
 * Taking over a stale lock is guarded: only the process that creates `<lock>.takeover` (mkdir is
 * atomic) may remove it, and only after checking the lock file is still the same stale one (same
 * inode, holder still dead), so two processes that both saw it stale cannot remove each other's
 * fresh lock. A guard left by a process that died mid-takeover expires after a few seconds.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isRunning, selfIdentity, type ProcessIdentity } from '../shared/processes.js';

export interface LockHolder extends ProcessIdentity {
  acquired_at: string;
  /** Random per acquisition: tells our lock from a later one of the same process. */
  nonce: string;
}

export interface HeldLock {
  readonly holder: LockHolder;
  /** False once the file is gone or names someone else (the directory was removed, or the lock was stolen). */
  stillHeld(): boolean;
  /** Removes the lock if it is still ours. */
  release(): void;
}

export type LockResult = { acquired: true; lock: HeldLock } | { acquired: false; holder: LockHolder };

export interface LockOptions {
  /** Who takes the lock; this process by default (tests pass others). */
  identity?: ProcessIdentity;
  /** A takeover guard older than this is left from a crash and removed (default 5 s; a takeover takes milliseconds). */
  guardExpiryMs?: number;
}

const ATTEMPTS = 200;
/** Only the `open(wx)` fallback can show a lock being written; one that stays unreadable this long is junk. */
const UNREADABLE_GRACE_MS = 2000;

const pause = () => new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));

/** Creates the lock file whole, or returns false when one exists. */
function createLockFile(file: string, temp: string, holder: LockHolder): boolean {
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Filesystems without hard links: an exclusive create, whose content may be seen half-written for a moment.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
  }
  try {
    writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export async function acquireLock(file: string, options: LockOptions = {}): Promise<LockResult> {
  const holder: LockHolder = {
    ...(options.identity ?? selfIdentity()),
    acquired_at: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
  const temp = `${file}.${holder.pid}.${holder.nonce}.tmp`;
  writeFileSync(temp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createLockFile(file, temp, holder)) return { acquired: true, lock: heldLock(file, holder) };
      const seen = readLockFile(file);
      if (!seen) continue; // removed between our link and our read: try again
      if (!seen.holder && Date.now() - seen.mtimeMs < UNREADABLE_GRACE_MS) {
        await pause();
        continue;
      }
      if (seen.holder && isRunning(seen.holder)) return { acquired: false, holder: seen.holder };
      if (takeGuard(file, options.guardExpiryMs ?? 5000)) {
        try {
          const now = readLockFile(file);
          const unchanged = now && now.ino === seen.ino && now.dev === seen.dev && !(now.holder && isRunning(now.holder));
          if (unchanged) unlinkSync(file);
        } finally {
          rmSync(guardOf(file), { recursive: true, force: true });
        }
      } else {
        await pause();
      }
    }
    throw new Error(`could not take the lock ${file}: it kept changing hands`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The live holder of a lock, or undefined when it is free or stale. */
export function lockHolder(file: string): LockHolder | undefined {
  const seen = readLockFile(file);
  return seen?.holder && isRunning(seen.holder) ? seen.holder : undefined;
}

function heldLock(file: string, holder: LockHolder): HeldLock {
  const stillHeld = () => readLockFile(file)?.holder?.nonce === holder.nonce;
  return {
    holder,
    stillHeld,
    release() {
      if (stillHeld()) rmSync(file, { force: true });
    },
  };
}

interface SeenLock {
  ino: number;
  dev: number;
  mtimeMs: number;
  /** Undefined when the content is not a lock of ours (treated as stale). */
  holder: LockHolder | undefined;
}

function readLockFile(file: string): SeenLock | undefined {
  try {
    const info = statSync(file);
    let holder: LockHolder | undefined;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
      if (typeof parsed.pid === 'number' && typeof parsed.start_time === 'string' && typeof parsed.nonce === 'string') {
        holder = parsed as LockHolder;
      }
    } catch {
      holder = undefined;
    }
    return { ino: info.ino, dev: info.dev, mtimeMs: info.mtimeMs, holder };
  } catch {
    return undefined;
  }
}

const guardOf = (file: string) => `${file}.takeover`;

/** Creates the takeover guard; false when another process holds it. A guard older than `expiryMs` is moved aside first. */
function takeGuard(file: string, expiryMs: number): boolean {
  const guard = guardOf(file);
  try {
    mkdirSync(guard, { mode: 0o700 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    if (Date.now() - statSync(guard).mtimeMs > expiryMs) {
      // A rename moves exactly one guard aside, so two processes that both found it expired cannot both remove it.
      const aside = `${guard}.expired-${process.pid}-${randomBytes(4).toString('hex')}`;
      renameSync(guard, aside);
      rmSync(aside, { recursive: true, force: true });
    }
  } catch {
    // Gone already, or moved by another process.
  }
  return false;
}
