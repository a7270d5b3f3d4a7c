/**
 * Locks a client address out of the admin API after `failures` wrong admin tokens within
 * `seconds`, for `seconds`. At most `maxKeys` addresses are tracked; the least recently seen
 * goes first.
 */
export class SignInLockout {
  /** Address → failures since `since`, and the end of its lockout (epoch ms; 0: none). */
  private readonly entries = new Map<string, { failures: number; since: number; until: number }>();

  constructor(
    private readonly failures: number,
    private readonly seconds: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the address stays locked out; 0 when it is not. */
  lockedFor(address: string): number {
    const entry = this.entries.get(address);
    if (!entry || entry.until === 0) return 0;
    const left = entry.until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.entries.delete(address);
    return 0;
  }

  /** Counts a wrong token; returns the seconds of the lockout it starts, or 0. */
  failed(address: string): number {
    if (this.failures <= 0) return 0;
    const now = this.now();
    let entry = this.entries.get(address);
    if (entry) this.entries.delete(address);
    if (!entry || now - entry.since > this.seconds * 1000) {
      if (this.entries.size >= this.maxKeys)
        this.entries.delete(this.entries.keys().next().value as string);
      entry = { failures: 0, since: now, until: 0 };
    }
    this.entries.set(address, entry);
    entry.failures++;
    if (entry.failures < this.failures) return 0;
    entry.until = now + this.seconds * 1000;
    return this.seconds;
  }

  /** A right token: the address's earlier mistakes are forgiven. */
  succeeded(address: string): void {
    if (this.entries.size > 0) this.entries.delete(address);
  }
}
