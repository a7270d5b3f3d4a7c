import type { Kysely } from "kysely";
import type { Background } from "../ops/background.js";
import { Periodic } from "../ops/periodic.js";
import { SDK_CLIENT_DAYS, type SdkClientRepository } from "../sdk-clients/sdk-client-repository.js";
import type { Tables } from "../storage/tables.js";

/** Rows deleted per statement, so a large purge never holds a long lock. */
const CHUNK = 5_000;

/**
 * Deletes raw events and impressions older than the retention, and hourly counts older than the
 * catalog needs. Exposures stay: they are compact and experiments are analysed from them.
 */
export class RetentionJob {
  private readonly periodic: Periodic;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly retentionDays: number,
    background: Background,
    private readonly sdkClients: SdkClientRepository,
    private readonly now: () => number = Date.now,
  ) {
    this.periodic = new Periodic("retention", () => this.runOnce(), background);
  }

  /**
   * Runs once just after start (after the server said where it listens, so its report follows
   * the start banner) and then every `intervalMs`.
   */
  start(intervalMs = 3_600_000): void {
    this.periodic.start(intervalMs, 200);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Deletes what is past retention; returns how many rows of each kind went. */
  async runOnce(): Promise<{ events: number; impressions: number; counts: number }> {
    const cutoff = new Date(this.now() - this.retentionDays * 86_400_000).toISOString();
    const countsCutoff = new Date(this.now() - 48 * 3_600_000).toISOString().slice(0, 13);
    const purge = async (table: "raw_events" | "raw_impressions"): Promise<number> => {
      let total = 0;
      for (;;) {
        const ids = await this.db
          .selectFrom(table)
          .select("id")
          .where("timestamp", "<", cutoff)
          .limit(CHUNK)
          .execute();
        if (ids.length === 0) return total;
        await this.db
          .deleteFrom(table)
          .where(
            "id",
            "in",
            ids.map((r) => r.id),
          )
          .execute();
        total += ids.length;
      }
    };
    const events = await purge("raw_events");
    const impressions = await purge("raw_impressions");
    const counts = await this.db
      .deleteFrom("event_hour_counts")
      .where("hour", "<", countsCutoff)
      .executeTakeFirst();
    // A commit marker only has to outlive the retries of its group, which take seconds.
    await this.db
      .deleteFrom("ingest_commits")
      .where("committed_at", "<", new Date(this.now() - 86_400_000).toISOString())
      .execute();
    await this.sdkClients.prune(new Date(this.now() - SDK_CLIENT_DAYS * 86_400_000).toISOString());
    return { events, impressions, counts: Number(counts.numDeletedRows) };
  }
}
