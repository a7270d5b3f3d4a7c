import type { Background } from "./background.js";

/**
 * Runs a background task every `intervalMs`, never two runs at once; each run is reported as
 * a run of `job` (a failed one is logged and counted, and waits for the next tick). The timer
 * does not keep the process alive; stop() waits for a run in progress.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly job: string,
    private readonly task: () => Promise<unknown>,
    private readonly background: Background,
  ) {}

  /**
   * Every `intervalMs` from now; with `runNow`, also one run right away, or with a number, one
   * run that many milliseconds from now.
   */
  start(intervalMs: number, runNow: boolean | number): void {
    const tick = () => {
      if (!this.running)
        this.running = this.background
          .run(this.job, this.task, (result) =>
            typeof result === "object" && result !== null ? result : { result },
          )
          .catch(() => undefined)
          .finally(() => (this.running = undefined));
    };
    // Started again: the new schedule replaces the old one.
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    if (runNow === true) tick();
    else if (typeof runNow === "number") {
      this.first = setTimeout(tick, runNow);
      this.first.unref();
    }
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    await this.running;
  }
}
