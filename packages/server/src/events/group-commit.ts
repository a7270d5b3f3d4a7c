import type { Insertable, Kysely } from "kysely";
import type { RawEventsTable, RawImpressionsTable, Tables } from "../storage/tables.js";

/** Rows of one request for one table. */
export type Batch =
  | { table: "raw_events"; rows: Insertable<RawEventsTable>[] }
  | { table: "raw_impressions"; rows: Insertable<RawImpressionsTable>[] };

interface Job {
  batch: Batch;
  resolve: (stored: number) => void;
  reject: (error: unknown) => void;
}

/** Rows per INSERT statement, under both drivers' bound-parameter limits. */
const ROWS_PER_STATEMENT = 500;

async function insert(db: Kysely<Tables>, batch: Batch): Promise<number> {
  let stored = 0;
  for (let i = 0; i < batch.rows.length; i += ROWS_PER_STATEMENT) {
    if (batch.table === "raw_events") {
      // A repeated client id is not stored again (at-least-once delivery, exactly-once storage).
      const inserted = await db
        .insertInto("raw_events")
        .values(batch.rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .execute();
      stored += inserted.length;
    } else {
      const chunk = batch.rows.slice(i, i + ROWS_PER_STATEMENT);
      await db.insertInto("raw_impressions").values(chunk).execute();
      stored += chunk.length;
    }
  }
  return stored;
}

/**
 * Group commit: requests arriving within a few milliseconds share one transaction, and each is
 * acknowledged only after that transaction commits. One flush runs at a time; a request that
 * arrives during a flush goes into the next one. If a group fails, its requests are retried one
 * by one, so a single bad request cannot fail the others.
 */
export class GroupCommit {
  private pending: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly maxDelayMs = 2,
  ) {}

  /** Stores a request's rows; resolves with how many were stored (repeated ids are not). */
  submit(batch: Batch): Promise<number> {
    if (batch.rows.length === 0) return Promise.resolve(0);
    if (this.closed) return Promise.reject(new Error("ingestion is shutting down"));
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.pending.length > 0) this.schedule();
      });
    }, this.maxDelayMs);
  }

  private async flush(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    try {
      const stored = await this.db.transaction().execute(async (trx) => {
        const counts: number[] = [];
        for (const job of jobs) counts.push(await insert(trx, job.batch));
        return counts;
      });
      for (const [i, job] of jobs.entries()) job.resolve(stored[i] ?? 0);
    } catch (groupError) {
      if (jobs.length === 1) {
        jobs[0]?.reject(groupError);
        return;
      }
      for (const job of jobs) {
        try {
          job.resolve(await this.db.transaction().execute((trx) => insert(trx, job.batch)));
        } catch (error) {
          job.reject(error);
        }
      }
    }
  }

  /** Flushes what is queued and refuses new work (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing || this.pending.length > 0) {
      if (this.flushing) await this.flushing;
      else
        this.flushing = this.flush().finally(() => {
          this.flushing = undefined;
        });
    }
  }
}
