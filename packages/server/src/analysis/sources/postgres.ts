import { StringDecoder } from "node:string_decoder";
import { type Kysely, sql } from "kysely";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { MetricSql } from "../../metrics/metric-sql.js";
import type { Tables } from "../../storage/tables.js";
import type { RowBounds, RowSource } from "../engine.js";
import type { AnalysisFold } from "../fold.js";
import { exposuresSince, type FoldState } from "../kept-state.js";
import type { AnalysisInput } from "../output.js";
import { metricEventsWhere, type Partition } from "../sql.js";

/** How long an analysis waits for the write transactions open when it starts. */
const WRITERS_WAIT_MS = 30_000;

/**
 * PostgreSQL's rows for the analysis engine: the database evaluates every metric on every
 * candidate event and streams the rows (COPY) into the fold.
 *
 * Ids are drawn from sequences by concurrent writers, so an id can become visible after a
 * larger one. `bounds` notes the largest ids, takes a transaction id, and waits until every
 * transaction with a smaller one has ended (writers take their transaction id before any row
 * id, so only those can hold a smaller row id): then every id up to the noted ones is final.
 * When they stay open too long, the bounds are not final: that analysis reads what it sees
 * and keeps nothing.
 */
export class PostgresRowSource implements RowSource {
  private readonly q = new MetricSql("postgres");

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly pool: pg.Pool,
    private readonly options: { writersWaitMs?: number } = {},
  ) {}

  async bounds(): Promise<RowBounds> {
    const client = await this.pool.connect();
    try {
      const {
        rows: [ids],
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
      // Any writer holding a smaller id than those seen took its transaction id before this
      // statement's, which runs on its own (and ends at once).
      return {
        low: Number(ids?.low ?? 1),
        high: Number(ids?.high ?? 0),
        impressionsLow: Number(ids?.impressions_low ?? 1),
        impressionsHigh: Number(ids?.impressions_high ?? 0),
        final: await this.writersEnded(client, ids?.xid ?? "0"),
      };
    } finally {
      client.release();
    }
  }

  async read(
    input: AnalysisInput,
    state: FoldState,
    events: { from: number; to: number },
    impressionsHigh: number,
    partition?: Partition,
  ): Promise<void> {
    const client = await this.pool.connect();
    let open = false;
    try {
      await client.query("begin isolation level repeatable read read only");
      open = true;
      await this.scan(client, input, state.fold, events.from, events.to, partition);
      // The exposures table, read first, may hold a few impressions after the noted id:
      // reading those again later changes nothing.
      const read = exposuresSince(input, state, impressionsHigh, "postgres", partition).compile(
        this.db,
      );
      const result = await client.query<[string, number, string]>({
        text: read.sql,
        values: read.parameters as unknown[],
        rowMode: "array",
      });
      await client.query("commit");
      open = false;
      for (const [key, variant, at] of result.rows) state.exposures.add(key, variant, at);
    } finally {
      if (open) await client.query("rollback").catch(() => {});
      client.release();
    }
  }

  async close(): Promise<void> {}

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

  /** A stored segment's parts through binary COPY: a third of the time of a select's rows. */
  async keptBytes(signature: string, token: string): Promise<Buffer> {
    const client = await this.pool.connect();
    try {
      const stream = client.query(
        copyTo(
          `copy (select data from analysis_kept_parts
                  where signature = ${literal(client, signature)} and token = ${literal(client, token)}
                  order by part) to stdout (format binary)`,
        ),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return binaryCopyField(Buffer.concat(chunks));
    } finally {
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
    partition?: Partition,
  ): Promise<void> {
    if (input.metrics.length === 0 || to < from) return;
    const query = sql`
      select e.user_key, e.timestamp, ${sql.join(input.metrics.map((m) => this.q.eventColumn(m)))}
        from raw_events e
       where ${metricEventsWhere(input, from, to, "postgres", partition)}`.compile(this.db);
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

/**
 * The one field of each row of a binary COPY, joined: after the signature, flags and header
 * extension, per row a field count (-1: the end), then the field's length and bytes.
 */
function binaryCopyField(copy: Buffer): Buffer {
  let at = 11 + 4;
  at += 4 + copy.readInt32BE(at);
  const fields: Buffer[] = [];
  while (copy.readInt16BE(at) !== -1) {
    const length = copy.readInt32BE(at + 2);
    fields.push(copy.subarray(at + 6, at + 6 + length));
    at += 6 + length;
  }
  return Buffer.concat(fields);
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
