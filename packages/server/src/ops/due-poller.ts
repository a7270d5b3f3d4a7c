import type { Background } from "./background.js";

/**
 * Runs a job's `task` when something may be due: at the times it is told of (`wake`), at the
 * next due time the task itself reports, and every `pollMs` for work it was not told of (made
 * by another process, or left by one that stopped). In between, its 50 ms tick touches no
 * database. Never two runs at once; a failed run is reported as the job's and retried at the
 * next poll.
 */
export class DuePoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** When to run next (epoch ms); 0: at the first tick. */
  private nextAt = 0;
  private lastRun = 0;

  constructor(
    private readonly job: string,
    /** Does what is due; returns when the next known item is due (epoch ms), if any. */
    private readonly task: () => Promise<number | undefined>,
    private readonly pollMs: number,
    private readonly background: Background,
  ) {}

  /** Something is due at `at` (default now). */
  wake(at = Date.now()): void {
    this.nextAt = Math.min(this.nextAt, at);
  }

  start(tickMs = 50): void {
    this.timer = setInterval(() => {
      const now = Date.now();
      if (this.running || (now < this.nextAt && now - this.lastRun < this.pollMs)) return;
      this.lastRun = now;
      this.nextAt = Number.POSITIVE_INFINITY;
      this.running = this.task()
        .then((next) => {
          if (next !== undefined) this.wake(next);
        })
        .catch((error: unknown) => this.background.failed(this.job, error))
        .finally(() => (this.running = undefined));
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
