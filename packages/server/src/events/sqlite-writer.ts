import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Tables } from "../storage/tables.js";
import { byToken, markersToStore, resultsOfMarker } from "./commit-markers.js";
import type { EventCatalog } from "./event-catalog.js";
import type { EventRow, GroupWriter, Work, WorkResult } from "./group-commit.js";

/**
 * The group writer on SQLite: prepared single-row statements on the connection's own handle
 * inside one transaction (no query building per row), then one catalog fold for the group.
 * Runs on the writer thread (see writer.worker.ts), or on the main thread for an
 * in-memory database.
 */
export class SqliteWriter implements GroupWriter {
  readonly pipelineDepth = 1;
  private readonly event: SQLite.Statement;
  private readonly impression: SQLite.Statement;
  private readonly exposure: SQLite.Statement;
  private readonly mark: SQLite.Statement;
  private readonly markedResult: SQLite.Statement;
  private readonly storeResult: SQLite.Statement;

  constructor(
    private readonly db: Kysely<Tables>,
    sqlite: SQLite.Database,
    private readonly catalog: EventCatalog,
  ) {
    this.event = sqlite.prepare(
      "insert into raw_events (environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source, client_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
    );
    this.impression = sqlite.prepare(
      "insert into raw_impressions (environment_id, flag_key, user_key, flag_value, variant_id, reason, derived_variant_id, derived_reason, context, timestamp, received_at, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.exposure = sqlite.prepare(
      "insert into exposures (environment_id, flag_key, user_key, variant_id, first_at) values (?, ?, ?, ?, ?) on conflict (environment_id, flag_key, user_key, variant_id) do update set first_at = min(exposures.first_at, excluded.first_at)",
    );
    this.mark = sqlite.prepare(
      "insert into ingest_commits (token, committed_at) values (?, ?) on conflict do nothing",
    );
    this.markedResult = sqlite.prepare("select result from ingest_commits where token = ?");
    this.storeResult = sqlite.prepare("update ingest_commits set result = ? where token = ?");
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
        r.derived_variant_id ?? null,
        r.derived_reason ?? null,
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

  /**
   * Inserts the group's commit markers; returns the requests new to this transaction by token,
   * and the results of requests an earlier attempt committed (see commit-markers.ts).
   */
  private markCommits(group: readonly Work[]): {
    fresh: Map<string, Work[]>;
    before: Map<Work, WorkResult>;
  } {
    const fresh = new Map<string, Work[]>();
    const before = new Map<Work, WorkResult>();
    const now = new Date().toISOString();
    for (const [token, works] of byToken(group)) {
      if (this.mark.run(token, now).changes === 1) {
        fresh.set(token, works);
        continue;
      }
      const row = this.markedResult.get(token) as { result: string | null } | undefined;
      for (const [work, result] of resultsOfMarker(works, row?.result)) before.set(work, result);
    }
    return { fresh, before };
  }

  async write(group: readonly Work[]): Promise<WorkResult[]> {
    const trx = await this.db.startTransaction().execute();
    try {
      const { fresh, before } = this.markCommits(group);
      const stored: EventRow[] = [];
      const resultOf = new Map<Work, WorkResult>();
      for (const work of group)
        if (!work.token || fresh.has(work.token)) resultOf.set(work, this.append(work, stored));
      for (const marker of markersToStore(
        fresh,
        (work) => resultOf.get(work) ?? { duplicates: [] },
      ))
        this.storeResult.run(marker.result, marker.token);
      if (stored.length > 0) await this.catalog.apply(trx, stored);
      await trx.commit().execute();
      return group.map((work) => resultOf.get(work) ?? before.get(work) ?? { duplicates: [] });
    } catch (error) {
      // SQLite ends the transaction itself on some errors (a full disk): the rollback then
      // fails with "no transaction is active", which must not hide the error that happened.
      await trx
        .rollback()
        .execute()
        .catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {}
}
