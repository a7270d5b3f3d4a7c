import { StringDecoder } from "node:string_decoder";
import { type Kysely, sql } from "kysely";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Tables } from "../storage/tables.js";
import { AnalysisFold } from "./analysis-fold.js";
import type { AnalysisInput, AnalysisOutput } from "./analysis-output.js";
import { AnalysisQuery } from "./analysis-query.js";
import { AnalysisSql } from "./analysis-sql.js";
import { earliestCounted, exposuresSince, FoldStates } from "./analysis-state.js";
import { isoMs } from "./utc-days.js";

/** How long an analysis waits for the write transactions open when it starts. */
const WRITERS_WAIT_MS = 30_000;

/**
 * The analysis on PostgreSQL as on SQLite: the database evaluates every metric on every
 * candidate event and streams the rows (COPY) into an AnalysisFold kept for the next analysis,
 * which reads only the events and impressions stored since. An analysis too large to keep in
 * memory runs as SQL in the database instead (AnalysisQuery, over `sessions` sessions).
 *
 * Ids are drawn from sequences by concurrent writers, so an id can become visible after a
 * larger one. An analysis notes the largest ids, takes a transaction id, waits until every
 * transaction with a smaller one has ended (writers take their transaction id before any row
 * id, so only those can hold a smaller row id), and then reads up to the ids it noted: every
 * one of them is final. When they stay open too long, that analysis runs as SQL instead.
 */
export class PostgresAnalysisQuery {
  private readonly q = new AnalysisSql("postgres");
  private readonly states: FoldStates;
  /** The event ids the last analysis read (none when `to` < `from`). */
  lastScan = { from: 1, to: 0 };

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly pool: pg.Pool,
    private readonly options: {
      sessions?: number;
      keptBytes?: number;
      writersWaitMs?: number;
    } = {},
  ) {
    this.states = new FoldStates(options.keptBytes);
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    const client = await this.pool.connect();
    let failed = true;
    let released = false;
    try {
      const {
        rows: [bounds],
      } = await client.query<
        Record<"low" | "high" | "impressions_low" | "impressions_high", string | null> & {
          xid: string;
        }
      >(
        `select (select min(id) from raw_events) as low, (select max(id) from raw_events) as high,
                (select min(id) from raw_impressions) as impressions_low,
                (select max(id) from raw_impressions) as impressions_high,
                pg_current_xact_id()::text as xid`,
      );
      const low = Number(bounds?.low ?? 1);
      const impressionsLow = Number(bounds?.impressions_low ?? 1);
      // Any writer holding a smaller id than those seen took its transaction id before this
      // statement's, which runs on its own (and ends at once). Writers open too long (or
      // another long transaction): this once, the analysis in SQL on one snapshot, and the
      // kept rows wait for the next one.
      const ended = await this.writersEnded(client, bounds?.xid ?? "0");
      if (!ended) {
        released = true;
        client.release();
        return this.inSql(input);
      }
      const state = this.states.take(input, low, impressionsLow);
      const high = Math.max(Number(bounds?.high ?? 0), state.high);
      const impressionsHigh = Math.max(
        Number(bounds?.impressions_high ?? 0),
        state.impressionsHigh,
      );
      const width = AnalysisFold.rowBytes(input.metrics.length);
      if (state.fold.bytes + (high - state.high) * width > this.states.maxBytes) {
        released = true;
        client.release();
        return this.inSql(input);
      }
      await client.query("begin isolation level repeatable read read only");
      this.lastScan = { from: state.high + 1, to: high };
      await this.scan(client, input, state.fold, state.high + 1, high);
      // The exposures table, read first, may hold a few impressions after the noted id:
      // reading those again later changes nothing.
      const read = exposuresSince(input, state, impressionsHigh, "postgres").compile(this.db);
      const result = await client.query<[string, number, string]>({
        text: read.sql,
        values: read.parameters as unknown[],
        rowMode: "array",
      });
      await client.query("commit");
      failed = false;
      for (const [key, variant, at] of result.rows) state.exposures.add(key, variant, at);
      state.high = high;
      state.impressionsHigh = impressionsHigh;
      this.states.keep(input, state);
      const end = isoMs(input.end);
      const { exposures, users } = state.exposures.analysed(input.variantIds, end);
      return { exposures, days: state.fold.deltas(users, end, input.cuped) };
    } finally {
      if (!released) {
        if (failed) await client.query("rollback").catch(() => {});
        client.release();
      }
    }
  }

  /** The analysis as SQL in the database, nothing kept (see AnalysisQuery). */
  private inSql(input: AnalysisInput): Promise<AnalysisOutput> {
    this.lastScan = { from: 1, to: 0 };
    return new AnalysisQuery(this.db, "postgres", this.options.sessions ?? 1).run(input);
  }

  /**
   * Waits until every transaction with an id below `xid` has ended (committed or rolled back):
   * the smallest one still running (the current snapshot's xmin) is `xid` or later. False when
   * some are still open after the wait.
   */
  private async writersEnded(client: pg.PoolClient, xid: string): Promise<boolean> {
    const deadline = performance.now() + (this.options.writersWaitMs ?? WRITERS_WAIT_MS);
    for (;;) {
      const { rows } = await client.query<{ ended: boolean }>(
        "select pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 as ended",
        [xid],
      );
      if (rows[0]?.ended) return true;
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The events with ids in [from, to] into `fold`, streamed as COPY text. */
  private async scan(
    client: pg.PoolClient,
    input: AnalysisInput,
    fold: AnalysisFold,
    from: number,
    to: number,
  ): Promise<void> {
    if (input.metrics.length === 0 || to < from) return;
    const keys = [...new Set(input.metrics.map((m) => m.eventKey))];
    const query = sql`
      select e.user_key, e.timestamp, ${sql.join(input.metrics.map((m) => this.q.eventColumn(m)))}
        from raw_events e
       where e.environment_id = ${input.environmentId}
         and e.event_key in (${sql.join(keys.map((k) => sql`${k}`))})
         and e.timestamp >= ${earliestCounted(input)} collate "C"
         and e.id >= ${from} and e.id <= ${to}`.compile(this.db);
    // COPY takes no parameters: each becomes a literal.
    const text = query.sql.replace(/\$(\d+)/g, (_, n: string) =>
      literal(client, query.parameters[Number(n) - 1]),
    );
    const stream = client.query(copyTo(`copy (${text}) to stdout`));
    const decoder = new StringDecoder("utf8");
    const width = input.metrics.length;
    const values = new Array<number | null>(width);
    let rest = "";
    const line = (row: string) => {
      const fields = row.split("\t");
      for (let i = 0; i < width; i++) {
        const field = fields[i + 2] as string;
        values[i] = field === "\\N" ? null : Number(field);
      }
      fold.add(unescapeCopy(fields[0] as string), fields[1] as string, values, 0);
    };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let at = 0;
      for (let end = text.indexOf("\n", at); end !== -1; end = text.indexOf("\n", at)) {
        line(text.slice(at, end));
        at = end + 1;
      }
      rest = text.slice(at);
    }
    rest += decoder.end();
    if (rest !== "") line(rest);
  }
}

/** A parameter as an SQL literal. */
function literal(client: pg.PoolClient, value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "null";
  return client.escapeLiteral(String(value));
}

/** A text field of COPY's text format, its backslash escapes undone. */
function unescapeCopy(field: string): string {
  if (!field.includes("\\")) return field;
  return field.replace(/\\(.)/g, (_, c: string) => {
    switch (c) {
      case "t":
        return "\t";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      default:
        return c;
    }
  });
}
