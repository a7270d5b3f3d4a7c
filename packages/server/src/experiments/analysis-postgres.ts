import { StringDecoder } from "node:string_decoder";
import { type Kysely, sql } from "kysely";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Tables } from "../storage/tables.js";
import type { AnalysisFold } from "./analysis-fold.js";
import type { AnalysisInput, AnalysisOutput } from "./analysis-output.js";
import { AnalysisQuery } from "./analysis-query.js";
import { AnalysisSql, exposedSql } from "./analysis-sql.js";
import {
  earliestCounted,
  exposedUsers,
  type FoldState,
  FoldStates,
  KEPT_BYTES,
} from "./analysis-state.js";
import { isoMs } from "./utc-days.js";

/** Bytes a kept row takes beside its metric columns (user index, time). */
const ROW_BYTES = 16;

/**
 * A kept fold on PostgreSQL. Event ids are drawn from a sequence by concurrent writers, so an
 * id can become visible after a larger one: ids up to `high` are final, those up to `tailTo`
 * were read while the transactions in `snapshot` were still open (rows from `tailCount` on).
 */
interface PostgresState extends FoldState {
  tailTo: number;
  tailCount: number;
  snapshot: string | null;
}

/**
 * The analysis on PostgreSQL as on SQLite: the database evaluates every metric on every
 * candidate event and streams the rows (COPY) into an AnalysisFold kept for the next analysis,
 * which reads only the events stored since. An analysis too large to keep in memory runs as
 * SQL in the database instead (AnalysisQuery, over `sessions` sessions).
 *
 * The ids read last while other transactions were open are read again once those have ended
 * (each analysis records its snapshot): a row they insert may have a smaller id than the
 * largest one seen.
 */
export class PostgresAnalysisQuery {
  private readonly q = new AnalysisSql("postgres");
  private readonly states: FoldStates;
  private readonly keptBytes: number | undefined;
  /** The event ids the last analysis read (none when `to` < `from`). */
  lastScan = { from: 1, to: 0 };

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly pool: pg.Pool,
    private readonly options: { sessions?: number; keptBytes?: number } = {},
  ) {
    this.keptBytes = options.keptBytes;
    this.states = new FoldStates(options.keptBytes);
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    const client = await this.pool.connect();
    let failed = true;
    try {
      await client.query("begin isolation level repeatable read read only");
      const {
        rows: [bounds],
      } = await client.query<{ low: string | null; high: string | null; snapshot: string }>(
        `select (select min(id) from raw_events) as low, (select max(id) from raw_events) as high,
                pg_current_snapshot()::text as snapshot`,
      );
      const low = Number(bounds?.low ?? 1);
      const high = Number(bounds?.high ?? 0);
      const snapshot = bounds?.snapshot ?? null;
      const state = this.states.take(input, low) as PostgresState;
      state.tailTo ??= state.high;
      state.tailCount ??= state.fold.size;
      const unread = Math.max(high - state.high, 0);
      const width = ROW_BYTES + 8 * input.metrics.length;
      if (state.fold.bytes + unread * width > (this.keptBytes ?? KEPT_BYTES)) {
        await client.query("commit");
        failed = false;
        return new AnalysisQuery(this.db, "postgres", this.options.sessions ?? 1).run(input);
      }
      // The last tail again: final now if every transaction open then has ended.
      state.fold.truncate(state.tailCount);
      const from = state.high + 1;
      if (state.snapshot !== null && state.tailTo > state.high) {
        const { rows } = await client.query<{ ended: boolean | null }>(
          `select bool_and(pg_visible_in_snapshot(x, pg_current_snapshot())) as ended
             from pg_snapshot_xip($1::pg_snapshot) x`,
          [state.snapshot],
        );
        if (rows[0]?.ended !== false) {
          await this.scan(client, input, state.fold, state.high + 1, state.tailTo);
          state.high = state.tailTo;
        }
      }
      state.tailCount = state.fold.size;
      await this.scan(client, input, state.fold, state.high + 1, Math.max(high, state.high));
      state.tailTo = Math.max(high, state.high);
      const open = snapshot !== null && snapshot.split(":")[2] !== "";
      state.snapshot = open ? snapshot : null;
      if (!open) {
        state.high = state.tailTo;
        state.tailCount = state.fold.size;
      }
      this.lastScan = { from, to: state.tailTo };

      const exposed = exposedSql(input, "postgres").compile(this.db);
      const result = await client.query<[string, number, string]>({
        text: exposed.sql,
        values: exposed.parameters as unknown[],
        rowMode: "array",
      });
      await client.query("commit");
      failed = false;
      this.states.keep(input, state);
      const { exposures, users } = exposedUsers(result.rows, input.variantIds);
      return { exposures, days: state.fold.deltas(users, isoMs(input.end), input.cuped) };
    } finally {
      if (failed) await client.query("rollback").catch(() => {});
      client.release();
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
