import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Tables } from "../storage/tables.js";
import type { EventCatalog } from "./event-catalog.js";
import type { EventRow, GroupWriter, Work, WorkResult } from "./group-commit.js";

/**
 * The group writer on SQLite: prepared single-row statements on the connection's own handle
 * inside one transaction (no query building per row), then one catalog fold for the group.
 * Runs on the writer thread (see sqlite-writer-thread.ts), or on the main thread for an
 * in-memory database.
 */
export class SqliteWriter implements GroupWriter {
  readonly pipelineDepth = 1;
  private readonly event: SQLite.Statement;
  private readonly impression: SQLite.Statement;
  private readonly exposure: SQLite.Statement;

  constructor(
    private readonly db: Kysely<Tables>,
    sqlite: SQLite.Database,
    private readonly catalog: EventCatalog,
  ) {
    this.event = sqlite.prepare(
      "insert into raw_events (environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source, client_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
    );
    this.impression = sqlite.prepare(
      "insert into raw_impressions (environment_id, flag_key, user_key, flag_value, variant_id, reason, context, timestamp, received_at, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.exposure = sqlite.prepare(
      "insert into exposures (environment_id, flag_key, user_key, variant_id, first_at) values (?, ?, ?, ?, ?) on conflict (environment_id, flag_key, user_key, variant_id) do update set first_at = min(exposures.first_at, excluded.first_at)",
    );
  }

  /** Appends a request's rows; returns the indexes of events whose client id was stored before. */
  private append(work: Work, stored: EventRow[]): WorkResult {
    const duplicates: number[] = [];
    (work.events ?? []).forEach((r, i) => {
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
      else duplicates.push(i);
    });
    for (const r of work.impressions ?? []) {
      this.impression.run(
        r.environment_id,
        r.flag_key,
        r.user_key,
        (r.flag_value as string | null | undefined) ?? null,
        r.variant_id ?? null,
        r.reason ?? null,
        (r.context as string | null | undefined) ?? null,
        r.timestamp,
        r.received_at,
        r.source,
      );
    }
    for (const r of work.exposures ?? [])
      this.exposure.run(r.environment_id, r.flag_key, r.user_key, r.variant_id, r.first_at);
    return { duplicates };
  }

  write(group: readonly Work[]): Promise<WorkResult[]> {
    return this.db.transaction().execute(async (trx) => {
      const stored: EventRow[] = [];
      const results = group.map((work) => this.append(work, stored));
      if (stored.length > 0) await this.catalog.apply(trx, stored);
      return results;
    });
  }

  async close(): Promise<void> {}
}
