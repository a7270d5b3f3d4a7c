import type { Kysely } from "kysely";
import { deleteExpiredKept } from "../analysis/kept-store.js";
import type { Background } from "../ops/background.js";
import { Periodic } from "../ops/periodic.js";
import type { Tables } from "../storage/tables.js";
import type { ExperimentService } from "./experiment-service.js";

/**
 * Recomputes the results of every running experiment periodically, so that reading results
 * (the dashboard) returns a recent snapshot at once instead of waiting for a computation, and
 * so that the analyses keep their rows (a later refresh reads only newer events). One
 * experiment at a time; a failure of one does not stop the others.
 */
export class ResultsRefreshJob {
  private readonly periodic: Periodic;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly experiments: ExperimentService,
    private readonly background: Background,
  ) {
    this.periodic = new Periodic("results-refresh", () => this.runOnce(), background);
  }

  /**
   * Every `intervalMs`, the first time `firstAfterMs` after start (not at once: starting a
   * server stays cheap), which reads every event once while nobody waits for it.
   */
  start(intervalMs = 3_600_000, firstAfterMs = 60_000): void {
    this.periodic.start(intervalMs, firstAfterMs);
    // With experiments running, results are asked for soon: the analysis starts up now.
    this.experiments.running().then(
      (running) => {
        if (running.length > 0) this.experiments.warm();
      },
      (error) => this.background.failed("results-refresh", error),
    );
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /**
   * Refreshes every running experiment; says how many got a new snapshot, how many failed, and
   * how many stored analysis segments expired.
   */
  async runOnce(): Promise<{ refreshed: number; failed: number; expired: number }> {
    const running = await this.experiments.running();
    let refreshed = 0;
    let failed = 0;
    for (const row of running) {
      try {
        await this.experiments.refresh(
          { id: row.workspaceId, key: row.workspaceKey, name: "", createdAt: "" },
          row.key,
        );
        refreshed++;
      } catch (error) {
        // The next run tries again; reading results still computes on demand.
        failed++;
        this.background.failed("results-refresh", error, {
          workspace: row.workspaceKey,
          experiment: row.key,
        });
      }
    }
    // Stored analysis rows past their day go (they hold user keys), used or not.
    const expired = await deleteExpiredKept(this.db);
    return { refreshed, failed, expired };
  }
}
