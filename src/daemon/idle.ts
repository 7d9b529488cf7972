/** When a background local Ignite has been idle long enough to exit: a clock restarted by every sign of use. */
export class IdleClock {
  private idleSince: number | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.idleSince = now();
  }

  /** Records whether anything is in use now; true once nothing has been for the whole timeout. */
  observe(busy: boolean): boolean {
    const now = this.now();
    if (busy) {
      this.idleSince = undefined;
      return false;
    }
    this.idleSince ??= now;
    return this.timeoutMs > 0 && now - this.idleSince >= this.timeoutMs;
  }

  /** How long it has been idle, 0 while busy. */
  idleForMs(): number {
    return this.idleSince === undefined ? 0 : this.now() - this.idleSince;
  }
}

/**
 * `10m`, `90s`, `1h`, `1h30m` or a bare number of seconds; `0` means never. Returns seconds, or
 * undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(trimmed);
  if (!match || trimmed === '') return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}
