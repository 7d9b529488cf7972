import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Collection, LocalStore } from '../store.js';
import type { ArchiveKind } from '../../archive/formats.js';

/** An uploaded build context: the record, and the archive in `files/contexts/<id>`. */
export interface ContextRecord {
  context_id: string;
  organization_name: string;
  name: string;
  content_type: string;
  format: Exclude<ArchiveKind, 'tar'>;
  size_bytes: number;
  sha256: string;
  created_at_ms: number;
}

/** Uploaded contexts, per organization; a context of another org is as good as missing. */
export class ContextStore {
  private readonly records: Collection<ContextRecord>;

  constructor(private readonly store: LocalStore) {
    this.records = store.collection<ContextRecord>('contexts');
    this.removeOrphanFiles();
  }

  newId(): string {
    return `ctx_${Date.now().toString(16).padStart(12, '0')}${randomBytes(8).toString('hex')}`;
  }

  file(contextId: string): string {
    return this.store.filePath('contexts', contextId);
  }

  /** Where an upload is written until it is complete and checked; never visible as a context. */
  partialFile(contextId: string): string {
    return this.store.filePath('contexts', `${contextId}.part`);
  }

  add(record: ContextRecord): void {
    this.records.put(record.context_id, record);
  }

  get(contextId: string, organization: string): ContextRecord | undefined {
    const record = this.records.get(contextId);
    return record?.organization_name === organization ? record : undefined;
  }

  /**
   * A crash mid-upload leaves a partial file and no record; such files are dropped at startup so
   * only acknowledged uploads take space.
   */
  private removeOrphanFiles(): void {
    const folder = path.dirname(this.file('probe'));
    const known = new Set(this.records.values().map((record) => path.basename(this.file(record.context_id))));
    for (const name of readdirSync(folder)) {
      if (!known.has(name)) rmSync(path.join(folder, name), { force: true, recursive: true });
    }
  }
}
