import type { FastifyBaseLogger } from "fastify";

/** Why a request was refused without being served. */
export type RefusalReason =
  | "admin_token_missing"
  | "admin_token_invalid"
  | "admin_locked_out"
  | "sdk_key_invalid"
  | "refused_too_often"
  | "track_rate_limited";

/** How often the counts of refused requests are logged. */
const INTERVAL_MS = 60_000;

/**
 * Counts refused requests and logs the counts per reason once a minute, in one warn line: a
 * flood of bad credentials must not become a flood of log lines.
 */
export class RefusalLog {
  private counts = new Map<RefusalReason, number>();
  private since = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: FastifyBaseLogger) {}

  count(reason: RefusalReason): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), INTERVAL_MS);
    this.timer.unref();
  }

  /** Logs what was counted since the last line (nothing when nothing was refused). */
  flush(): void {
    const now = Date.now();
    if (this.counts.size > 0) {
      const refused = Object.fromEntries(this.counts);
      const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
      this.log.warn(
        { refused, total, seconds: Math.round((now - this.since) / 1000) },
        "requests refused",
      );
      this.counts = new Map();
    }
    this.since = now;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}
