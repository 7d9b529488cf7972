import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A keyed set of JSON records of one kind (builds, apps, secrets, ...). */
export interface Collection<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  put(id: string, value: T): void;
  delete(id: string): boolean;
  values(): T[];
}

/**
 * Where the local Ignite keeps its state. With a data directory every record is written through
 * to `<dir>/records/<kind>/<id>.json` (atomic rename), so a restart sees everything; without one
 * (tests) records live in memory and files (contexts, images, logs) in a temp dir removed on close.
 */
export interface LocalStore {
  /** Root for files; blobs go under it. */
  readonly dir: string;
  readonly persistent: boolean;
  collection<T>(kind: string): Collection<T>;
  /** An absolute path under the store for files of `kind`; the parent directory exists. */
  filePath(kind: string, name: string): string;
  close(): void;
}

export function openLocalStore(dataDir?: string): LocalStore {
  const persistent = dataDir !== undefined;
  const dir = persistent ? path.resolve(dataDir) : mkdtempSync(path.join(os.tmpdir(), 'ignite-local-'));
  mkdirSync(dir, { recursive: true });
  const collections = new Map<string, Collection<unknown>>();

  function collection<T>(kind: string): Collection<T> {
    assertSafeName(kind);
    let existing = collections.get(kind);
    if (!existing) {
      existing = persistent ? fileCollection<unknown>(path.join(dir, 'records', kind)) : memoryCollection<unknown>();
      collections.set(kind, existing);
    }
    return existing as Collection<T>;
  }

  return {
    dir,
    persistent,
    collection,
    filePath(kind, name) {
      assertSafeName(kind);
      const folder = path.join(dir, 'files', kind);
      mkdirSync(folder, { recursive: true });
      return path.join(folder, encodeId(name));
    },
    close() {
      if (!persistent) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function memoryCollection<T>(): Collection<T> {
  const records = new Map<string, T>();
  return {
    get: (id) => records.get(id),
    has: (id) => records.has(id),
    put: (id, value) => void records.set(id, value),
    delete: (id) => records.delete(id),
    values: () => [...records.values()],
  };
}

function fileCollection<T>(folder: string): Collection<T> {
  mkdirSync(folder, { recursive: true });
  const records = new Map<string, T>();
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.json')) continue;
    // A record that cannot be parsed was cut by a crash mid-write of its temp file; the rename
    // never happened, so skipping it loses nothing that was acknowledged.
    try {
      records.set(decodeURIComponent(name.slice(0, -5)), JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as T);
    } catch {
      continue;
    }
  }
  const fileFor = (id: string) => path.join(folder, `${encodeId(id)}.json`);
  return {
    get: (id) => records.get(id),
    has: (id) => records.has(id),
    put(id, value) {
      const target = fileFor(id);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, target);
      records.set(id, value);
    },
    delete(id) {
      if (!records.delete(id)) return false;
      rmSync(fileFor(id), { force: true });
      return true;
    },
    values: () => [...records.values()],
  };
}

function encodeId(id: string): string {
  if (id.length === 0 || id.length > 200) throw new Error(`invalid record id length: ${id.length}`);
  return encodeURIComponent(id).replace(/\./g, '%2E');
}

function assertSafeName(kind: string): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(kind)) throw new Error(`invalid store kind: ${kind}`);
}
