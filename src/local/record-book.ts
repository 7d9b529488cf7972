import type { Collection, LocalStore } from './store.js';

type KeyPart = string | number;

/**
 * Records of one kind addressed by the parts of their key, such as (organization, app). The store
 * id is the parts joined by "/", the form ids already had on disk, so existing data directories
 * keep working.
 */
export class RecordBook<T, Key extends readonly KeyPart[]> {
  private readonly records: Collection<T>;

  constructor(
    store: LocalStore,
    kind: string,
    private readonly keyOf: (record: T) => Key,
  ) {
    this.records = store.collection<T>(kind);
  }

  get(...key: Key): T | undefined {
    return this.records.get(key.join('/'));
  }

  put(record: T): void {
    this.records.put(this.keyOf(record).join('/'), record);
  }

  delete(...key: Key): boolean {
    return this.records.delete(key.join('/'));
  }

  /** The records whose key begins with `prefix`, such as one organization's. */
  list(...prefix: KeyPart[]): T[] {
    return this.records.values().filter((record) => {
      const key = this.keyOf(record);
      return prefix.every((part, index) => key[index] === part);
    });
  }
}
