import { type Kysely, type RawBuilder, sql } from "kysely";
import { STRIDE } from "../events/exposure-class.js";
import type { Dialect } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import {
  type AnalysisInput,
  type AnalysisOutput,
  type DayDelta,
  DayTable,
  type ExposureCounts,
  mergeOutputs,
  PRE_PERIOD_DAYS,
} from "./analysis-output.js";
import { AnalysisSql, exposedSql, inPartition, type Partition } from "./analysis-sql.js";
import type { Metric } from "./metric-service.js";
import { dayNumber, dayString } from "./utc-days.js";

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The database side of the analysis: exposed users into a temporary table (one variant each,
 * with the exposure time), then one pass over the metrics' events producing per-(variant, day)
 * increments of Σy, Σy², Σxy. Cumulative results for every day follow by summing increments, so
 * the final result and the daily series come from the same scan. Runs in one transaction.
 */
export class AnalysisQuery {
  private readonly q: AnalysisSql;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly dialect: Dialect,
    /**
     * PostgreSQL: sessions that analyse disjoint sets of users at once, each on its own
     * connection and core of the database server, all reading one snapshot.
     */
    private readonly partitions = 1,
  ) {
    this.q = new AnalysisSql(dialect);
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    if (this.dialect === "postgres" && this.partitions > 1) return this.runPartitioned(input);
    return this.db.transaction().execute(async (trx) => {
      try {
        return await this.inTransaction(trx, input);
      } finally {
        if (this.dialect === "sqlite") {
          for (const table of ["exposed", "users", "days", "covariates"])
            await sql`drop table if exists ${sql.raw(`temp.analysis_${table}`)}`.execute(trx);
        }
      }
    });
  }

  /**
   * PostgreSQL over several sessions: the first exports its snapshot, the others adopt it
   * before reading anything, so that every session sees the same exposures and events; each
   * analyses the users of its partition, and the sums add up.
   */
  private async runPartitioned(input: AnalysisInput): Promise<AnalysisOutput> {
    await this.db.transaction().execute((trx) => this.analyzeIfStale(trx));
    const count = this.partitions;
    let exported: (id: string) => void = () => {};
    let notExported: (error: unknown) => void = () => {};
    const snapshot = new Promise<string>((resolve, reject) => {
      exported = resolve;
      notExported = reject;
    });
    const adopted: Promise<void>[] = [];
    const first = this.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
        exported((rows[0] as { id: string }).id);
        const output = await this.inTransaction(trx, input, { index: 0, count });
        // The snapshot can be adopted only while this transaction is open.
        await Promise.allSettled(adopted);
        return output;
      })
      .catch((error: unknown) => {
        notExported(error);
        throw error;
      });
    const others = Array.from({ length: count - 1 }, (_, i) => {
      let adopt: () => void = () => {};
      adopted.push(new Promise<void>((resolve) => (adopt = resolve)));
      return snapshot.then((id) =>
        this.db
          .transaction()
          .setIsolationLevel("repeatable read")
          .execute(async (trx) => {
            try {
              await sql`set transaction snapshot ${sql.lit(id)}`.execute(trx);
            } finally {
              adopt();
            }
            return this.inTransaction(trx, input, { index: i + 1, count });
          }),
      );
    });
    const outputs = await Promise.all([first, ...others]);
    return mergeOutputs(outputs, input.metrics.length);
  }

  /**
   * Refreshes the planner's statistics of the raw tables when a fifth of their rows changed
   * since the last ANALYZE (autovacuum does this too, when it runs): with none, PostgreSQL
   * expects a handful of events and picks plans several times slower for two million.
   */
  private async analyzeIfStale(trx: Kysely<Tables>): Promise<void> {
    const stale = await sql<{ relname: string }>`
      select relname from pg_stat_user_tables
       where relname in ('raw_events', 'raw_impressions', 'exposures')
         and n_mod_since_analyze > 1000 and n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1)`.execute(
      trx,
    );
    for (const { relname } of stale.rows) await sql`analyze ${sql.table(relname)}`.execute(trx);
  }

  private async inTransaction(
    trx: Kysely<Tables>,
    input: AnalysisInput,
    partition?: Partition,
  ): Promise<{ exposures: ExposureCounts; days: DayDelta[] }> {
    const { environmentId: env, end } = input;
    // Sorts and hashes in memory from the first step on (by default the users' grouping
    // spills to disk).
    if (this.dialect === "postgres") await sql`set local work_mem = '256MB'`.execute(trx);
    const exposed = exposedSql(input, this.dialect, partition);
    await this.q.createTemp("analysis_exposed", exposed).execute(trx);
    // Aggregated in JS: a few rows per variant.
    const exposures: ExposureCounts = { total: 0, multipleVariants: 0, perVariant: new Map() };
    const perUser = await sql<{ variant: number; n: number | string }>`
      select variant, count(*) as n from (
        select case when min(variant_id) = max(variant_id) or min(variant_id) >= ${STRIDE} then min(variant_id) else -1 end as variant
          from analysis_exposed group by user_key) v
       group by variant`.execute(trx);
    for (const row of perUser.rows) {
      const n = num(row.n);
      exposures.total += n;
      if (Number(row.variant) === -1) exposures.multipleVariants += n;
      else exposures.perVariant.set(Number(row.variant), n);
    }

    const analysed = sql.join(input.variantIds.map((id) => sql`${id}`));
    const users = sql`select row_number() over () as uid, user_key, min(variant_id) as variant, min(first_at) as at
              from analysis_exposed group by user_key
             having min(variant_id) = max(variant_id) and min(variant_id) in (${analysed})`;
    // The pre-period's start: the same time of day 14 days earlier, its date looked up in a
    // table of the window's days (date arithmetic on every user costs more than the rest of
    // this step).
    const preFrom = (at: RawBuilder<string>) => {
      const pairs = windowDays(input.start, input.end).map(
        (day) => sql`(${dayString(day)}, ${dayString(day - PRE_PERIOD_DAYS)})`,
      );
      return sql`select g.*, coalesce(m.column2 || substr(g.at, 11), ${this.q.daysBefore(at, PRE_PERIOD_DAYS)}) as pre_from
              from (${users}) g left join (values ${sql.join(pairs)}) m on m.column1 = substr(g.at, 1, 10)`;
    };
    await this.q
      .createTemp("analysis_users", input.cuped ? preFrom(sql<string>`g.at`) : users)
      .execute(trx);
    // SQLite probes the users by key for each event; PostgreSQL hashes them and only needs
    // their statistics.
    if (this.dialect === "sqlite")
      await sql`create index temp.analysis_users_user on analysis_users (user_key)`.execute(trx);
    else await sql`analyze analysis_users`.execute(trx);

    const metrics = input.metrics;
    const keys = sql.join([...new Set(metrics.map((m) => m.eventKey))].map((k) => sql`${k}`));
    // One pass over the metrics' events: each event is evaluated against every metric once
    // (match 0/1 and value), joined to its user (on SQLite "cross join" keeps the events as the
    // outer loop, probing the indexed user table; PostgreSQL hashes the users), and summed per
    // user and day after exposure; events of the 14 days before exposure (CUPED) go to day ''.
    const eventsThenUsers = sql.raw(this.dialect === "sqlite" ? "cross join" : "join");
    // Only what each kind needs: conversion and count the number of matching events (c), sum
    // the sum of values (s), average the sum and the number of values (s, n).
    const counted = (i: number) => ["conversion", "count"].includes((metrics[i] as Metric).kind);
    const valued = (i: number) => !counted(i);
    const averaged = (i: number) => (metrics[i] as Metric).kind === "average";
    const perEvent = metrics.map(
      (m, i) => sql`${this.q.eventColumn(m)} as ${sql.ref(`${counted(i) ? "m" : "v"}${i}`)}`,
    );
    // Sums as float8 on PostgreSQL: integer sums are numeric there, and the running sums and
    // squares over them below cost several times more in numeric arithmetic (float8 holds
    // integers exactly up to 2^53).
    const float = (e: RawBuilder<unknown>) =>
      this.dialect === "postgres" ? sql`(${e})::float8` : e;
    const sums = metrics.flatMap((_, i) => [
      ...(counted(i)
        ? [sql`${float(sql`sum(e.${sql.ref(`m${i}`)})`)} as ${sql.ref(`c${i}`)}`]
        : []),
      ...(valued(i)
        ? [sql`${float(sql`coalesce(sum(e.${sql.ref(`v${i}`)}), 0)`)} as ${sql.ref(`s${i}`)}`]
        : []),
      ...(averaged(i)
        ? [sql`${float(sql`count(e.${sql.ref(`v${i}`)})`)} as ${sql.ref(`n${i}`)}`]
        : []),
    ]);
    const from = input.cuped ? sql`u.pre_from` : sql`u.at`;
    // No event before the earliest exposure (or its pre-period) can count: skip them early.
    const bounds = await sql<{ lower: string | null }>`
      select min(${input.cuped ? sql`pre_from` : sql`at`}) as lower from analysis_users`.execute(
      trx,
    );
    const lower = bounds.rows[0]?.lower ?? end;
    // Times compare byte by byte on PostgreSQL: ISO times order so, and it spares a collation
    // per comparison.
    const bytewise = sql.raw(this.dialect === "postgres" ? ' collate "C"' : "");
    const day = sql`case when e.timestamp >= u.at${bytewise} then substr(e.timestamp, 1, 10) else '' end`;
    if (this.dialect === "postgres") {
      // No JIT: compiling these wide aggregates costs more (over a
      // second) than it saves, and temporary tables' row estimates would trigger it needlessly.
      // Grouping by hash: without fresh statistics on raw events the planner expects a few
      // rows and sorts two million instead (on disk, four times slower).
      await sql`set local jit = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      // Let the scan of raw events (and its JSON) run on parallel workers: the default costs
      // keep a query this size on one core, and the temporary tables it joins keep the
      // planner's estimate of the gain low.
      if (partition) {
        // The sessions already use the database's cores.
        await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
      } else {
        await sql`set local parallel_setup_cost = 10`.execute(trx);
        await sql`set local parallel_tuple_cost = 0.001`.execute(trx);
        await this.analyzeIfStale(trx);
      }
    }
    // "offset 0" keeps PostgreSQL from merging the per-event subquery into the aggregate above,
    // so its JSON work runs on the parallel workers that scan the events, not after them.
    const keepApart = sql.raw(this.dialect === "postgres" ? "offset 0" : "");
    await this.q
      .createTemp(
        "analysis_days",
        sql`select u.uid, min(u.variant) as variant, ${day} as day, ${sql.join(sums)}
              from (select e.user_key, e.timestamp, ${sql.join(perEvent)}
                      from raw_events e
                     where e.environment_id = ${env} and e.event_key in (${keys})${partition ? sql` and ${inPartition(sql`e.user_key`, partition)}` : sql``}
                       and e.timestamp >= ${lower}${bytewise} and e.timestamp < ${end}${bytewise} ${keepApart}) e
              ${eventsThenUsers} analysis_users u on u.user_key = e.user_key
             where e.timestamp >= ${from}${bytewise}
             group by u.uid, ${day}`,
      )
      .execute(trx);

    // Covariates: the same per-user metric over the 14 days before exposure (0 without CUPED).
    const covariate = (i: number) => {
      const metric = metrics[i] as Metric;
      const c = sql`coalesce(p.${sql.ref(`c${i}`)}, 0)`;
      if (!input.cuped) return sql`0`;
      if (metric.kind === "conversion") return sql`(case when ${c} > 0 then 1 else 0 end)`;
      if (metric.kind === "count") return c;
      return sql`coalesce(p.${sql.ref(`s${i}`)}, 0)`;
    };
    await this.q
      .createTemp(
        "analysis_covariates",
        sql`select u.uid, u.variant, substr(u.at, 1, 10) as day, ${sql.join(
          metrics.map((_, i) => sql`${covariate(i)} as ${sql.ref(`x${i}`)}`),
        )}
              from analysis_users u
              left join (select * from analysis_days where day = '') p on p.uid = u.uid`,
      )
      .execute(trx);
    // SQLite probes the covariates by user for each row of the series; PostgreSQL hashes them
    // (its estimate from the table's size is enough for that plan: an ANALYZE cost more).
    if (this.dialect === "sqlite")
      await sql`create index temp.analysis_covariates_user on analysis_covariates (uid)`.execute(
        trx,
      );

    const window = sql`over (partition by uid order by day rows between unbounded preceding and current row)`;
    const running = (name: string, i: number) => [
      sql`${sql.ref(`${name}${i}`)}`,
      sql`sum(${sql.ref(`${name}${i}`)}) ${window} as ${sql.ref(`c${name}${i}`)}`,
    ];
    const cumulativeColumns = metrics.flatMap((_, i) => [
      ...(counted(i) ? running("c", i) : []),
      ...(valued(i) ? running("s", i) : []),
      ...(averaged(i) ? running("n", i) : []),
    ]);
    // The per-user metric value after the day (now) and before it (was); average metrics
    // count a user from the first value on.
    const valueAt = (
      i: number,
      c: RawBuilder<unknown>,
      s: RawBuilder<unknown>,
      n: RawBuilder<unknown>,
    ) => {
      const metric = metrics[i] as Metric;
      if (metric.kind === "conversion") return sql`(case when ${c} > 0 then 1 else 0 end)`;
      if (metric.kind === "count") return sql`${c}`;
      if (metric.kind === "sum") return sql`${s}`;
      return sql`(case when ${n} > 0 then ${this.q.real(s)} / ${n} else 0 end)`;
    };
    // Each user's metric value after the day (now_i) and before it (was_i), once per row, then
    // their increments summed per variant and day.
    const valueColumns = metrics.flatMap((_, i) => {
      const r = (name: string) => sql.ref(`d.${name}${i}`);
      const was = valueAt(
        i,
        sql`(${r("cc")} - ${r("c")})`,
        sql`(${r("cs")} - ${r("s")})`,
        sql`(${r("cn")} - ${r("n")})`,
      );
      return [
        sql`${valueAt(i, r("cc"), r("cs"), r("cn"))} as ${sql.ref(`now${i}`)}`,
        sql`${was} as ${sql.ref(`was${i}`)}`,
        sql`k.${sql.ref(`x${i}`)}`,
        averaged(i)
          ? sql`(case when ${r("cn")} > 0 and ${r("cn")} = ${r("n")} then 1 else 0 end) as ${sql.ref(`first${i}`)}`
          : sql`0 as ${sql.ref(`first${i}`)}`,
      ];
    });
    const deltaColumns = metrics.flatMap((_, i) => {
      const [now, was, x] = [`now${i}`, `was${i}`, `x${i}`].map((name) => sql.ref(name));
      return [
        sql`sum(${now} - ${was}) as ${sql.ref(`y${i}`)}`,
        sql`sum(${now} * ${now} - ${was} * ${was}) as ${sql.ref(`yy${i}`)}`,
        sql`sum(${x} * (${now} - ${was})) as ${sql.ref(`xy${i}`)}`,
        sql`sum(${sql.ref(`first${i}`)}) as ${sql.ref(`v${i}`)}`,
      ];
    });
    const deltas = await sql<Record<string, number | string | null>>`
      with cumulative as (
        select uid, variant, day, ${sql.join(cumulativeColumns)}
          from analysis_days where day <> ''),
      user_values as (
        select d.variant, d.day, ${sql.join(valueColumns)}
          from cumulative d join analysis_covariates k on k.uid = d.uid ${keepApart})
      select variant, day, ${sql.join(deltaColumns)}
        from user_values group by variant, day`.execute(trx);
    const cohortColumns = metrics.flatMap((_, i) => [
      sql`sum(${sql.ref(`x${i}`)}) as ${sql.ref(`x${i}`)}`,
      sql`sum(${sql.ref(`x${i}`)} * ${sql.ref(`x${i}`)}) as ${sql.ref(`xx${i}`)}`,
    ]);
    const cohortRows = await sql<Record<string, number | string | null>>`
      select variant, day, count(*) as n, ${sql.join(cohortColumns)}
        from analysis_covariates group by variant, day`.execute(trx);

    const table = new DayTable(metrics.length);
    for (const row of cohortRows.rows) {
      const delta = table.at(Number(row.variant), String(row.day));
      delta.exposed += num(row.n);
      metrics.forEach((_, i) => {
        delta.x[i] = (delta.x[i] ?? 0) + num(row[`x${i}`]);
        delta.xx[i] = (delta.xx[i] ?? 0) + num(row[`xx${i}`]);
      });
    }
    for (const row of deltas.rows) {
      const delta = table.at(Number(row.variant), String(row.day));
      metrics.forEach((_, i) => {
        delta.y[i] = (delta.y[i] ?? 0) + num(row[`y${i}`]);
        delta.yy[i] = (delta.yy[i] ?? 0) + num(row[`yy${i}`]);
        delta.xy[i] = (delta.xy[i] ?? 0) + num(row[`xy${i}`]);
        delta.valued[i] = (delta.valued[i] ?? 0) + num(row[`v${i}`]);
      });
    }
    return { exposures, days: table.sorted() };
  }
}

/** The day numbers from the day of `start` to the day of `end`, both included. */
function windowDays(start: string, end: string): number[] {
  const first = dayNumber(start);
  return Array.from({ length: dayNumber(end) - first + 1 }, (_, i) => first + i);
}
