import type SQLite from "better-sqlite3";
import type { Insertable, Kysely } from "kysely";
import { type Dialect, leastFunction } from "../storage/dialects.js";
import type {
  ExposuresTable,
  RawEventsTable,
  RawImpressionsTable,
  Tables,
} from "../storage/tables.js";

/** Rows of one request for one table. Exposure rows keep the earliest time per key. */
export type Batch =
  | { table: "raw_events"; rows: Insertable<RawEventsTable>[] }
  | { table: "raw_impressions"; rows: Insertable<RawImpressionsTable>[] }
  | { table: "exposures"; rows: Insertable<ExposuresTable>[] };

interface Job {
  batches: Batch[];
  /** Event rows this job actually stored (filled during the transaction). */
  storedEvents: Insertable<RawEventsTable>[];
  resolve: (stored: number[]) => void;
  reject: (error: unknown) => void;
}

/** What a commit stored, for live subscribers: events without repeats, and impressions. */
export interface Committed {
  events: Insertable<RawEventsTable>[];
  impressions: Insertable<RawImpressionsTable>[];
}

/** Rows per INSERT statement, under both drivers' bound-parameter limits. */
const ROWS_PER_STATEMENT = 500;

/** Called inside the transaction with the event rows actually stored (repeated ids left out). */
export type EventsStored = (
  trx: Kysely<Tables>,
  rows: Insertable<RawEventsTable>[],
) => Promise<void>;

/**
 * Prepared single-row inserts on SQLite's own handle: inside the transaction Kysely opened on the
 * same connection, they skip query building and statement preparation per batch.
 */
class SqliteAppender {
  private readonly event: SQLite.Statement;
  private readonly impression: SQLite.Statement;

  constructor(sqlite: SQLite.Database) {
    this.event = sqlite.prepare(
      "insert into raw_events (environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source, client_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
    );
    this.impression = sqlite.prepare(
      "insert into raw_impressions (environment_id, flag_key, user_key, flag_value, variant_id, context, timestamp, received_at, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
  }

  /** Appends events; returns those actually stored (a repeated client id is not). */
  events(rows: Insertable<RawEventsTable>[]): Insertable<RawEventsTable>[] {
    const stored: Insertable<RawEventsTable>[] = [];
    for (const r of rows) {
      const result = this.event.run(
        r.environment_id,
        r.event_key,
        r.user_key,
        r.value ?? null,
        (r.properties as string | null | undefined) ?? null,
        (r.context as string | null | undefined) ?? null,
        r.timestamp,
        r.received_at,
        r.source,
        r.client_id ?? null,
      );
      if (result.changes === 1) stored.push(r);
    }
    return stored;
  }

  impressions(rows: Insertable<RawImpressionsTable>[]): void {
    for (const r of rows) {
      this.impression.run(
        r.environment_id,
        r.flag_key,
        r.user_key,
        (r.flag_value as string | null | undefined) ?? null,
        r.variant_id ?? null,
        (r.context as string | null | undefined) ?? null,
        r.timestamp,
        r.received_at,
        r.source,
      );
    }
  }
}

async function insert(
  db: Kysely<Tables>,
  batch: Batch,
  dialect: Dialect,
  onEvents: EventsStored | undefined,
  appender: SqliteAppender | undefined,
): Promise<number> {
  if (appender && batch.table === "raw_events") {
    const stored = appender.events(batch.rows);
    await onEvents?.(db, stored);
    return stored.length;
  }
  if (appender && batch.table === "raw_impressions") {
    appender.impressions(batch.rows);
    return batch.rows.length;
  }
  let stored = 0;
  if (batch.table === "exposures") {
    const least = leastFunction(dialect);
    for (let i = 0; i < batch.rows.length; i += ROWS_PER_STATEMENT) {
      await db
        .insertInto("exposures")
        .values(batch.rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc
            .columns(["environment_id", "flag_key", "user_key", "variant_id"])
            .doUpdateSet((eb) => ({
              first_at: eb.fn<string>(least, [
                eb.ref("exposures.first_at"),
                eb.ref("excluded.first_at"),
              ]),
            })),
        )
        .execute();
    }
    return batch.rows.length;
  }
  for (let i = 0; i < batch.rows.length; i += ROWS_PER_STATEMENT) {
    if (batch.table === "raw_events") {
      // A repeated client id is not stored again (at-least-once delivery, exactly-once storage).
      const chunk = batch.rows.slice(i, i + ROWS_PER_STATEMENT);
      const inserted = await db
        .insertInto("raw_events")
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .returning("client_id")
        .execute();
      stored += inserted.length;
      if (onEvents) {
        const newIds = new Set(
          inserted.map((r) => r.client_id).filter((id): id is string => id !== null),
        );
        const storedRows = chunk.filter((row) => {
          if (row.client_id === null || row.client_id === undefined) return true;
          // Only the first row of an id in this chunk was stored.
          return newIds.delete(row.client_id);
        });
        await onEvents(db, storedRows);
      }
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
  private readonly appender: SqliteAppender | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly dialect: Dialect,
    sqlite: SQLite.Database | undefined,
    private readonly onEvents?: EventsStored,
    private readonly afterCommit?: (committed: Committed) => void,
    private readonly maxDelayMs = 2,
  ) {
    this.appender = sqlite ? new SqliteAppender(sqlite) : undefined;
  }

  /**
   * Stores a request's rows, all in one transaction; resolves with how many rows of each batch
   * were stored (events whose id was stored before are not). Exposure rows must be unique per key.
   */
  submit(...batches: Batch[]): Promise<number[]> {
    const work = batches.filter((b) => b.rows.length > 0);
    if (work.length === 0) return Promise.resolve(batches.map(() => 0));
    if (this.closed) return Promise.reject(new Error("ingestion is shutting down"));
    return new Promise((resolve, reject) => {
      this.pending.push({
        batches: work,
        storedEvents: [],
        resolve: (counts) =>
          resolve(batches.map((b) => (b.rows.length === 0 ? 0 : (counts[work.indexOf(b)] ?? 0)))),
        reject,
      });
      this.schedule();
    });
  }

  /** Inserts a job's rows; the stored events are collected for one `onEvents` call per flush. */
  private async run(db: Kysely<Tables>, job: Job): Promise<number[]> {
    job.storedEvents = [];
    const counts: number[] = [];
    const collect: EventsStored = async (_trx, rows) => {
      job.storedEvents.push(...rows);
    };
    for (const batch of job.batches)
      counts.push(await insert(db, batch, this.dialect, collect, this.appender));
    return counts;
  }

  /** Runs jobs in one transaction, then folds every stored event into derived state once. */
  private async runAll(trx: Kysely<Tables>, jobs: Job[]): Promise<number[][]> {
    const counts: number[][] = [];
    for (const job of jobs) counts.push(await this.run(trx, job));
    if (this.onEvents) {
      const stored = jobs.flatMap((job) => job.storedEvents);
      if (stored.length > 0) await this.onEvents(trx, stored);
    }
    return counts;
  }

  private committed(jobs: Job[]): void {
    if (!this.afterCommit) return;
    const committed: Committed = { events: [], impressions: [] };
    for (const job of jobs) {
      committed.events.push(...job.storedEvents);
      for (const batch of job.batches)
        if (batch.table === "raw_impressions") committed.impressions.push(...batch.rows);
    }
    try {
      this.afterCommit(committed);
    } catch {
      // a subscriber's failure never fails ingestion
    }
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
      const stored = await this.db.transaction().execute((trx) => this.runAll(trx, jobs));
      for (const [i, job] of jobs.entries()) job.resolve(stored[i] ?? []);
      this.committed(jobs);
    } catch (groupError) {
      if (jobs.length === 1) {
        jobs[0]?.reject(groupError);
        return;
      }
      for (const job of jobs) {
        try {
          const [counts = []] = await this.db
            .transaction()
            .execute((trx) => this.runAll(trx, [job]));
          job.resolve(counts);
          this.committed([job]);
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
