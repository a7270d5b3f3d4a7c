import { randomInt } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Tables } from "../storage/tables.js";
import { byToken, markersToStore, resultsOfMarker } from "./commit-markers.js";
import { EventCatalog } from "./event-catalog.js";
import type { EventRow, ExposureRow, GroupWriter, Work, WorkResult } from "./group-commit.js";

/** First key of the advisory locks that serialise catalog merges (the second is the environment). */
const CATALOG_LOCK = 0x46_53_43_41;

/** A query builder whose queries all run on one connection (inside its open transaction). */
function onClient(client: pg.PoolClient | undefined): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => {
          if (!client) throw new Error("the catalog writes only inside a group's transaction");
          return { query: client.query.bind(client), release: () => {} } as never;
        },
        end: async () => {},
      },
    }),
  });
}

type CopyValue = string | number | null | undefined;

/** A value in COPY's text format: `\N` for null; backslash, tab, newline and CR escaped. */
function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "number" ? String(value) : value;
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      )
    : text;
}

function copyText<T>(rows: readonly T[], fields: (row: T) => CopyValue[]): string {
  let text = "";
  for (const row of rows) text += `${fields(row).map(copyField).join("\t")}\n`;
  return text;
}

const EVENT_COLUMNS =
  "environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source, client_id";

const eventFields = (r: EventRow): CopyValue[] => [
  r.environment_id,
  r.event_key,
  r.user_key,
  r.value,
  r.properties as string | null,
  r.context as string | null,
  r.timestamp,
  r.received_at,
  r.source,
  r.client_id,
];

/**
 * The group writer on PostgreSQL: one transaction per group on one pooled connection, raw rows
 * streamed with COPY (no per-row statement or parameter), events carrying a client id inserted
 * with one array-parameter statement that skips ids stored before, exposures merged with one
 * upsert, then the catalog fold.
 */
export class PostgresWriter implements GroupWriter {
  /** Groups written at once, each on its own connection: one streams rows while another commits. */
  readonly pipelineDepth = 3;
  /**
   * Catalog counter slots, one per group in flight. Another server on the database likely has
   * other ones (a random set of eight); sharing one only makes two transactions take turns.
   */
  private readonly freeSlots: number[];
  private readonly catalog: EventCatalog;

  constructor(private readonly pool: pg.Pool) {
    const first = randomInt(8) * this.pipelineDepth;
    this.freeSlots = Array.from({ length: this.pipelineDepth }, (_, i) => first + i);
    // Property merges read, merge and write back: one transaction at a time per environment,
    // across connections and servers, under a lock released when the transaction ends.
    this.catalog = new EventCatalog(
      onClient(undefined),
      "postgres",
      async (trx, environmentIds) => {
        for (const id of environmentIds)
          await sql`select pg_advisory_xact_lock(${CATALOG_LOCK}, ${id})`.execute(trx);
      },
    );
  }

  private async copy(client: pg.PoolClient, statement: string, text: string): Promise<void> {
    if (text.length === 0) return;
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(statement));
      stream.on("finish", resolve);
      stream.on("error", reject);
      stream.end(text);
    });
  }

  /** Inserts the events that carry a client id; returns those stored (ids not seen before). */
  private async insertWithIds(client: pg.PoolClient, rows: EventRow[]): Promise<Set<EventRow>> {
    const stored = new Set<EventRow>();
    if (rows.length === 0) return stored;
    const fields = rows.map(eventFields);
    const columns = Array.from({ length: 10 }, (_, i) => fields.map((f) => f[i] ?? null));
    const result = await client.query<{ environment_id: number; client_id: string }>(
      `insert into raw_events (${EVENT_COLUMNS})
       select * from unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[], $9::text[], $10::text[])
       on conflict do nothing returning environment_id, client_id`,
      columns,
    );
    const inserted = new Set(result.rows.map((r) => `${r.environment_id}\u0000${r.client_id}`));
    // Of several rows with one new id, the first was stored.
    for (const row of rows) {
      if (inserted.delete(`${row.environment_id}\u0000${row.client_id}`)) stored.add(row);
    }
    return stored;
  }

  private async upsertExposures(client: pg.PoolClient, group: readonly Work[]): Promise<void> {
    const earliest = new Map<string, ExposureRow>();
    for (const work of group) {
      for (const row of work.exposures ?? []) {
        const key = `${row.environment_id}\u0000${row.flag_key}\u0000${row.user_key}\u0000${row.variant_id}`;
        const known = earliest.get(key);
        if (!known || row.first_at < known.first_at) earliest.set(key, row);
      }
    }
    if (earliest.size === 0) return;
    // In key order, so concurrent groups lock shared rows in the same order (no deadlock).
    const rows = [...earliest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    await client.query(
      `insert into exposures (environment_id, flag_key, user_key, variant_id, first_at)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[])
       on conflict (environment_id, flag_key, user_key, variant_id)
       do update set first_at = least(exposures.first_at, excluded.first_at)`,
      [
        rows.map((r) => r.environment_id),
        rows.map((r) => r.flag_key),
        rows.map((r) => r.user_key),
        rows.map((r) => r.variant_id),
        rows.map((r) => r.first_at),
      ],
    );
  }

  /**
   * Inserts the group's commit markers (sorted, so that two transactions holding the same
   * tokens lock them in one order); returns the requests new to this transaction by token, and
   * the results of requests an earlier attempt committed.
   */
  private async markCommits(
    client: pg.PoolClient,
    group: readonly Work[],
  ): Promise<{ fresh: Map<string, Work[]>; before: Map<Work, WorkResult> }> {
    const tokens = byToken(group);
    const fresh = new Map<string, Work[]>();
    const before = new Map<Work, WorkResult>();
    if (tokens.size === 0) return { fresh, before };
    const inserted = await client.query<{ token: string }>(
      `insert into ingest_commits (token, committed_at)
       select t, $2 from unnest($1::text[]) as t on conflict do nothing returning token`,
      [[...tokens.keys()].sort(), new Date().toISOString()],
    );
    for (const { token } of inserted.rows) fresh.set(token, tokens.get(token) ?? []);
    const earlier = [...tokens.keys()].filter((token) => !fresh.has(token));
    if (earlier.length > 0) {
      const rows = await client.query<{ token: string; result: string | null }>(
        "select token, result from ingest_commits where token = any($1::text[])",
        [earlier],
      );
      for (const row of rows.rows)
        for (const [work, result] of resultsOfMarker(tokens.get(row.token) ?? [], row.result))
          before.set(work, result);
    }
    return { fresh, before };
  }

  async write(all: readonly Work[]): Promise<WorkResult[]> {
    const slot = this.freeSlots.pop() ?? 0;
    const client = await this.pool.connect().catch((error: Error) => {
      this.freeSlots.push(slot);
      throw error;
    });
    let broken: Error | undefined;
    try {
      // The transaction id first (one round trip): an analysis that sees it open knows that
      // event ids below the largest visible one may still come (see PostgresRowSource).
      await client.query("begin; select pg_current_xact_id()");
      const { fresh, before } = await this.markCommits(client, all);
      const group = all.filter((work) => !work.token || fresh.has(work.token));
      const plain: EventRow[] = [];
      const withIds: EventRow[] = [];
      for (const work of group)
        for (const row of work.events ?? []) (row.client_id ? withIds : plain).push(row);
      await this.copy(
        client,
        `copy raw_events (${EVENT_COLUMNS}) from stdin`,
        copyText(plain, eventFields),
      );
      const storedWithIds = await this.insertWithIds(client, withIds);
      await this.copy(
        client,
        "copy raw_impressions (environment_id, flag_key, user_key, flag_value, variant_id, reason, derived_variant_id, derived_reason, context, timestamp, received_at, source) from stdin",
        copyText(
          group.flatMap((work) => work.impressions ?? []),
          (r) => [
            r.environment_id,
            r.flag_key,
            r.user_key,
            r.flag_value as string | null,
            r.variant_id,
            r.reason,
            r.derived_variant_id ?? null,
            r.derived_reason ?? null,
            r.context as string | null,
            r.timestamp,
            r.received_at,
            r.source,
          ],
        ),
      );
      await this.upsertExposures(client, group);
      const results: WorkResult[] = [];
      const stored: EventRow[] = [];
      for (const work of group) {
        const duplicates: number[] = [];
        (work.events ?? []).forEach((row, i) => {
          if (!row.client_id || storedWithIds.has(row)) stored.push(row);
          else duplicates.push(i);
        });
        results.push({ duplicates });
      }
      if (stored.length > 0) await this.catalog.apply(onClient(client), stored, slot);
      const resultOf = new Map(group.map((work, i) => [work, results[i] ?? { duplicates: [] }]));
      const markers = markersToStore(fresh, (work) => resultOf.get(work) ?? { duplicates: [] });
      if (markers.length > 0) {
        await client.query(
          `update ingest_commits set result = m.result
           from unnest($1::text[], $2::text[]) as m(token, result) where ingest_commits.token = m.token`,
          [markers.map((m) => m.token), markers.map((m) => m.result)],
        );
      }
      await client.query("commit");
      return all.map((work) => resultOf.get(work) ?? before.get(work) ?? { duplicates: [] });
    } catch (error) {
      await client.query("rollback").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not roll back is discarded, not reused.
      client.release(broken);
      this.freeSlots.push(slot);
    }
  }

  async close(): Promise<void> {}
}
