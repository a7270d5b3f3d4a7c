// Peers of the analysis, measured side by side on the same exposures and events with the same
// metric semantics: one straightforward SQL query on the benchmark's own database (SQLite without
// and with a covering index on events, PostgreSQL) and the same query in DuckDB (in memory).
// Each computes only the final per-variant sufficient statistics (no daily series, no
// exposures found before the window, which this data has none of). Their figures are checked
// against the server's result, so the comparison is between equal answers.
import { DuckDBInstance } from "@duckdb/node-api";
import {
  type CovariateMoments,
  cupedSummary,
  cupedTheta,
  type Summary,
  summarize,
} from "@flagsync-oss/stats";
import Database from "better-sqlite3";
import pg from "pg";

/** The benchmark's metrics, in the experiment's order (the primary first). */
export const PEER_METRICS = [
  { key: "signup-rate", kind: "conversion" },
  { key: "avg-page-load", kind: "average" },
  { key: "avg-price", kind: "average" },
  { key: "discounts", kind: "count" },
  { key: "cart-total", kind: "sum" },
] as const;

const PRE_PERIOD_MS = 14 * 86_400_000;

/** Per variant key: the analysed users and each metric's moments (x terms 0 for averages). */
export type PeerStatistics = Map<string, CovariateMoments[]>;

interface Dialect {
  /** A JSON number at a dotted path of `e.properties`, else NULL. */
  number(path: string): string;
  /** Whether the path holds a value other than null. */
  exists(path: string): string;
  /** The pre-period's start for the exposure time expression. */
  preFrom(at: string): string;
  /**
   * An expression whose index must not drive the join: SQLite would otherwise range-scan the
   * events' time index for every user instead of looking up the user's events.
   */
  unindexed(expr: string): string;
}

const SQLITE: Dialect = {
  number: (p) =>
    `(case when json_type(e.properties, '$.${p}') in ('integer', 'real') then json_extract(e.properties, '$.${p}') end)`,
  exists: (p) => `coalesce(json_type(e.properties, '$.${p}'), 'null') <> 'null'`,
  preFrom: (at) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, '-14 days')`,
  unindexed: (expr) => `+${expr}`,
};

const jsonb = (p: string) =>
  `e.properties${p
    .split(".")
    .map((k) => ` -> '${k}'`)
    .join("")}`;
const POSTGRES: Dialect = {
  number: (p) => `(case when jsonb_typeof(${jsonb(p)}) = 'number' then (${jsonb(p)})::float8 end)`,
  exists: (p) => `coalesce(jsonb_typeof(${jsonb(p)}), 'null') <> 'null'`,
  preFrom: (at) =>
    `to_char((${at}::timestamptz - interval '14 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  unindexed: (expr) => expr,
};

const DUCKDB: Dialect = {
  number: (p) =>
    `(case when json_type(e.properties, '$.${p}') in ('UBIGINT', 'BIGINT', 'DOUBLE') then json_extract(e.properties, '$.${p}')::double end)`,
  exists: (p) => `coalesce(json_type(e.properties, '$.${p}'), 'NULL') <> 'NULL'`,
  preFrom: (at) => `${at} - ${PRE_PERIOD_MS}`,
  unindexed: (expr) => expr,
};

/**
 * The query: exposed users (one variant each), their events from 14 days before exposure to
 * the window end, per-user values and covariates, then per variant n, Σy, Σy², Σx, Σx², Σxy.
 * `exposures` yields (user_key, variant, exposed_at); `events` (user_key, event_key, ts, value,
 * properties); `end` is the window end in the same type as `ts`.
 */
function query(d: Dialect, exposures: string, events: string, end: string): string {
  const post = "e.ts >= x.exposed_at";
  const pre = "e.ts < x.exposed_at";
  const purchase = "e.event_key = 'purchase'";
  const moments = (i: number, average: boolean) =>
    average
      ? `count(y${i}) as n${i}, coalesce(sum(y${i}), 0) as s${i}, coalesce(sum(y${i} * y${i}), 0) as ss${i}, 0 as x${i}, 0 as xx${i}, 0 as xy${i}`
      : `count(*) as n${i}, sum(y${i}) as s${i}, sum(y${i} * y${i}) as ss${i}, sum(x${i}) as x${i}, sum(x${i} * x${i}) as xx${i}, sum(x${i} * y${i}) as xy${i}`;
  return `
    with exposed as (
      select user_key, min(variant) as variant, min(exposed_at) as exposed_at, ${d.preFrom("min(exposed_at)")} as pre_from
        from (${exposures}) s group by user_key having min(variant) = max(variant)
    ), per_user as (
      select x.variant,
        max(case when e.event_key = 'signup' and ${post} then 1 else 0 end) as y0,
        max(case when e.event_key = 'signup' and ${pre} then 1 else 0 end) as x0,
        avg(case when e.event_key = 'page_load_time' and ${post} then e.value end) as y1,
        avg(case when ${purchase} and ${post} then ${d.number("price")} end) as y2,
        sum(case when ${purchase} and ${post} and ${d.exists("discount")} then 1 else 0 end) as y3,
        sum(case when ${purchase} and ${pre} and ${d.exists("discount")} then 1 else 0 end) as x3,
        coalesce(sum(case when ${purchase} and ${post} then ${d.number("cart.total")} end), 0) as y4,
        coalesce(sum(case when ${purchase} and ${pre} then ${d.number("cart.total")} end), 0) as x4
      from exposed x left join (${events}) e
        on e.user_key = x.user_key and ${d.unindexed("e.ts")} >= x.pre_from and ${d.unindexed("e.ts")} < ${end}
      group by x.user_key, x.variant
    )
    select variant, ${PEER_METRICS.map((m, i) => moments(i, m.kind === "average")).join(", ")}
      from per_user group by variant`;
}

/** The rows of the query as statistics, by variant key. */
function statistics(rows: Record<string, unknown>[], keyOf: (variant: unknown) => string) {
  const result: PeerStatistics = new Map();
  for (const row of rows) {
    const n = (name: string) => Number(row[name] ?? 0);
    result.set(
      keyOf(row.variant),
      PEER_METRICS.map((_, i) => ({
        n: n(`n${i}`),
        sum: n(`s${i}`),
        sumSquares: n(`ss${i}`),
        xSum: n(`x${i}`),
        xSumSquares: n(`xx${i}`),
        crossSum: n(`xy${i}`),
      })),
    );
  }
  return result;
}

/** What the experiment analyses: the flag's events and exposures in the window. */
export interface PeerWindow {
  environmentKey: string;
  flagKey: string;
  start: string;
  end: string;
}

/** The query on the server's tables, for the environment's id. */
function ownTables(d: Dialect, w: PeerWindow, environmentId: number): string {
  return query(
    d,
    `select user_key, variant_id as variant, first_at as exposed_at from exposures
      where environment_id = ${environmentId} and flag_key = '${w.flagKey}'
        and first_at >= '${w.start}' and first_at < '${w.end}'`,
    `select user_key, event_key, timestamp as ts, value, properties from raw_events
      where environment_id = ${environmentId} and event_key in ('signup', 'page_load_time', 'purchase')`,
    `'${w.end}'`,
  );
}

/** The environment's id and the flag's variant keys by id, from the server's tables. */
const LOOKUP = (w: PeerWindow) => ({
  environment: `select id from environments where key = '${w.environmentKey}'`,
  variants: `select variants from flags where key = '${w.flagKey}'`,
});
function variantKeys(variants: unknown): (id: unknown) => string {
  const list = (typeof variants === "string" ? JSON.parse(variants) : variants) as {
    id: number;
    key: string;
  }[];
  const byId = new Map(list.map((v) => [v.id, v.key]));
  return (id) => byId.get(Number(id)) ?? `unknown ${String(id)}`;
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await run();
  return { ms: performance.now() - t, value };
}

/** The straightforward query on the server's SQLite file; `coveringIndex` adds the index first. */
export async function sqlitePeer(file: string, w: PeerWindow, coveringIndex: boolean) {
  const db = new Database(file);
  try {
    if (coveringIndex)
      db.exec(
        "create index if not exists peer_events_covering on raw_events (event_key, user_key, timestamp, value)",
      );
    const lookup = LOOKUP(w);
    const environment = db.prepare(lookup.environment).get() as { id: number };
    const flag = db.prepare(lookup.variants).get() as { variants: string };
    const statement = db.prepare(ownTables(SQLITE, w, environment.id));
    const { ms, value } = await timed(() => statement.all() as Record<string, unknown>[]);
    if (coveringIndex) db.exec("drop index peer_events_covering");
    return { ms, statistics: statistics(value, variantKeys(flag.variants)) };
  } finally {
    db.close();
  }
}

/**
 * The straightforward query on the server's PostgreSQL database, with fresh planner statistics
 * (as autovacuum leaves them), JIT off and 256 MB of work_mem.
 */
export async function postgresPeer(url: string, w: PeerWindow) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("analyze raw_events, exposures");
    await client.query("set jit = off");
    await client.query("set work_mem = '256MB'");
    const lookup = LOOKUP(w);
    const environment = (await client.query(lookup.environment)).rows[0] as { id: number };
    const flag = (await client.query(lookup.variants)).rows[0] as { variants: unknown };
    const sql = ownTables(POSTGRES, w, environment.id);
    const { ms, value } = await timed(() => client.query(sql));
    return { ms, statistics: statistics(value.rows, variantKeys(flag.variants)) };
  } finally {
    await client.end();
  }
}

/** The generated data as the peers load it. */
export interface PeerData {
  exposures: { user: string; variant: string; at: number }[];
  events: {
    user: string;
    key: string;
    at: number;
    value: number | null;
    properties: string | null;
  }[];
}

/** The same query in DuckDB, in memory (loading the data is not timed); times in ms. */
export async function duckdbPeer(data: PeerData, start: number, end: number) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(
      "create table exposures (user_key varchar, variant varchar, first_at bigint)",
    );
    await connection.run(
      "create table raw_events (user_key varchar, event_key varchar, ts bigint, value double, properties json)",
    );
    const exposures = await connection.createAppender("exposures");
    for (const x of data.exposures) {
      exposures.appendVarchar(x.user);
      exposures.appendVarchar(x.variant);
      exposures.appendBigInt(BigInt(x.at));
      exposures.endRow();
    }
    exposures.closeSync();
    const events = await connection.createAppender("raw_events");
    for (const e of data.events) {
      events.appendVarchar(e.user);
      events.appendVarchar(e.key);
      events.appendBigInt(BigInt(e.at));
      if (e.value === null) events.appendNull();
      else events.appendDouble(e.value);
      if (e.properties === null) events.appendNull();
      else events.appendVarchar(e.properties);
      events.endRow();
    }
    events.closeSync();
    const sql = query(
      DUCKDB,
      `select user_key, variant, first_at as exposed_at from exposures where first_at >= ${start} and first_at < ${end}`,
      "select user_key, event_key, ts, value, properties from raw_events where event_key in ('signup', 'page_load_time', 'purchase')",
      String(end),
    );
    const { ms, value } = await timed(() => connection.runAndReadAll(sql));
    return {
      ms,
      statistics: statistics(value.getRowObjectsJS() as Record<string, unknown>[], String),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A metric of the server's result: per variant key the users, mean and variance. */
export type ServerMetric = {
  metric: string;
  variants: { variant: string; users: number; mean: number; variance: number }[];
};

/**
 * The largest relative difference between a peer's figures (summarised as the server does:
 * CUPED with one pooled theta, not for averages) and the server's; Infinity when the users differ.
 */
export function largestDifference(peer: PeerStatistics, server: ServerMetric[]): number {
  const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
  let largest = 0;
  for (const [i, metric] of PEER_METRICS.entries()) {
    const moments = [...peer.entries()].map(([variant, all]) => ({
      variant,
      m: all[i] as CovariateMoments,
    }));
    const pooled = moments.reduce(
      (p, { m }) => ({
        n: p.n + m.n,
        sum: p.sum + m.sum,
        sumSquares: p.sumSquares + m.sumSquares,
        xSum: p.xSum + m.xSum,
        xSumSquares: p.xSumSquares + m.xSumSquares,
        crossSum: p.crossSum + m.crossSum,
      }),
      { n: 0, sum: 0, sumSquares: 0, xSum: 0, xSumSquares: 0, crossSum: 0 },
    );
    const theta = cupedTheta(pooled);
    const meanX = pooled.n > 0 ? pooled.xSum / pooled.n : 0;
    const theirs = server.find((m) => m.metric === metric.key);
    if (!theirs || theirs.variants.length !== moments.length) return Infinity;
    for (const { variant, m } of moments) {
      const summary: Summary =
        metric.kind === "average" ? summarize(m) : cupedSummary(m, theta, meanX);
      const result = theirs.variants.find((v) => v.variant === variant);
      if (!result || result.users !== summary.n) return Infinity;
      largest = Math.max(
        largest,
        relative(result.mean, summary.mean),
        relative(result.variance, summary.variance),
      );
    }
  }
  return largest;
}
