import { type RawBuilder, sql } from "kysely";
import { exposureVariantSql } from "../events/exposure-class.js";
import { type Dialect, sqlDialect } from "../storage/dialects.js";
import { type AnalysisInput, PRE_PERIOD_DAYS } from "./output.js";
import { daysBefore } from "./utc-days.js";

/** The earliest event time any analysed user can count: the start, or 14 days before (CUPED). */
export function earliestCounted(input: AnalysisInput): string {
  return input.cuped ? daysBefore(input.start, PRE_PERIOD_DAYS) : input.start;
}

/**
 * Which raw events (alias `e`) an analysis reads: the metrics' event keys in the environment,
 * from the earliest time that can count, of the users of `partition` when given, with ids in
 * [from, to]. The ids come last: SQLite's scan threads put their own range in those two
 * parameters.
 */
export function metricEventsWhere(
  input: AnalysisInput,
  from: number,
  to: number,
  dialect: Dialect,
  partition?: Partition,
): RawBuilder<boolean> {
  const keys = [...new Set(input.metrics.map((m) => m.eventKey))];
  const earliest = sqlDialect(dialect).isoText(earliestCounted(input));
  return sql<boolean>`e.environment_id = ${input.environmentId}
         and e.event_key in (${sql.join(keys.map((k) => sql`${k}`))})
         and e.timestamp >= ${earliest}${
           partition ? sql` and ${inPartition(sql`e.user_key`, partition, dialect)}` : sql``
         }
         and e.id >= ${from} and e.id <= ${to}`;
}

/**
 * First in-window impression per user and variant (user_key, variant_id, first_at). Exposures
 * hold each user's first ever impression per variant; where that lies before the window, the
 * first one inside it is looked up in raw impressions (indexed by environment, flag, user, time).
 * `bounded` false: the window's end left open (the first impression from the start on).
 */
export function exposedSql(
  input: AnalysisInput,
  dialect: Dialect,
  partition?: Partition,
  bounded = true,
): RawBuilder<unknown> {
  const { environmentId: env, flagKey: flag, start } = input;
  const before = (column: RawBuilder<unknown>) =>
    bounded ? sql` and ${column} < ${input.end}` : sql``;
  const mine = (column: RawBuilder<unknown>) =>
    partition ? sql` and ${inPartition(column, partition, dialect)}` : sql``;
  // The (few) earlier-exposed users as the outer loop.
  const exposuresThenImpressions = sqlDialect(dialect).leftFirstJoin;
  return sql`
      select user_key, variant_id, first_at from exposures
       where environment_id = ${env} and flag_key = ${flag} and first_at >= ${start}${before(sql`first_at`)}${mine(sql`user_key`)}
      union all
      select r.user_key, x.variant_id, min(r.timestamp) as first_at
        from exposures x
        ${exposuresThenImpressions} raw_impressions r on r.environment_id = x.environment_id and r.flag_key = x.flag_key and r.user_key = x.user_key
       where x.environment_id = ${env} and x.flag_key = ${flag} and x.first_at < ${start}${mine(sql`x.user_key`)}
         and r.timestamp >= ${start}${before(sql`r.timestamp`)} and ${exposureVariantSql("r")} = x.variant_id
       group by r.user_key, x.variant_id`;
}

/**
 * The impressions of the experiment's flag from its start on (user_key, variant_id, timestamp)
 * with ids in [from, to].
 */
export function newImpressionsSql(
  input: AnalysisInput,
  from: number,
  to: number,
): RawBuilder<unknown> {
  return sql`
      select user_key, ${exposureVariantSql()} as variant_id, timestamp from raw_impressions
       where environment_id = ${input.environmentId} and flag_key = ${input.flagKey}
         and timestamp >= ${input.start} and id >= ${from} and id <= ${to}`;
}

/** One of `count` disjoint sets of users, by a hash of the user key (see `inPartition`). */
export interface Partition {
  index: number;
  count: number;
}

/** SQLite's function for a user key's hash (see `userHash`), registered by the analysis' readers. */
export const USER_HASH = "flagsync_user_hash";

/** A user key's hash for partitions on SQLite: FNV-1a over its UTF-16 code units, 31 bits. */
export function userHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}

/** A user key's hash of 31 bits per database (on SQLite the analysis readers' function). */
const USER_HASH_SQL: Record<Dialect, (column: RawBuilder<unknown>) => RawBuilder<number>> = {
  sqlite: (column) => sql`${sql.raw(USER_HASH)}(${column})`,
  postgres: (column) => sql`(hashtext(${column}) & 2147483647)`,
};

/** Whether the user key in `column` falls in the partition. */
export function inPartition(
  column: RawBuilder<unknown>,
  { index, count }: Partition,
  dialect: Dialect,
): RawBuilder<boolean> {
  return sql`${USER_HASH_SQL[dialect](column)} % ${count} = ${index}`;
}
