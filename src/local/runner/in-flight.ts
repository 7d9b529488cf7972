/**
 * The exchanges in flight on one app instance, whichever engine runs it, so that a stop lets them
 * finish first (up to a grace period, as a pod's termination does).
 */
export class InFlight {
  private count = 0;
  private onIdle: (() => void) | undefined;

  /** Marks one in flight; the returned function marks it over (once, however often it is called), after `onEnd`. */
  begin(onEnd: () => void): () => void {
    this.count++;
    let over = false;
    return () => {
      if (over) return;
      over = true;
      onEnd();
      if (--this.count === 0) this.onIdle?.();
    };
  }

  /** Resolves once none is in flight, `ended` settles, or `graceMs` has passed, whichever is first. */
  async drained(graceMs: number, ended: Promise<unknown>): Promise<void> {
    if (this.count === 0) return;
    const idle = new Promise<void>((resolve) => (this.onIdle = resolve));
    await Promise.race([idle, ended, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}
