/**
 * Work that changes which version of an app serves (publish, rollback, delete) runs one at a time
 * per app, so two of them never race on version numbers, statuses or processes.
 */
export class AppQueue {
  private readonly queues = new Map<string, Promise<unknown>>();

  run<T>(organization: string, app: string, work: () => Promise<T>): Promise<T> {
    const key = `${organization}/${app}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => this.queues.get(key) === settled && this.queues.delete(key));
    return next;
  }
}
