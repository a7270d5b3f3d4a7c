/**
 * Runs a background task every `intervalMs`, never two runs at once; a failed run waits for
 * the next tick. The timer does not keep the process alive; stop() waits for a run in progress.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly task: () => Promise<unknown>) {}

  /** Every `intervalMs` from now; with `runNow`, also one run right away. */
  start(intervalMs: number, runNow: boolean): void {
    const tick = () => {
      if (!this.running)
        this.running = this.task()
          .catch(() => undefined)
          .finally(() => (this.running = undefined));
    };
    if (runNow) tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
