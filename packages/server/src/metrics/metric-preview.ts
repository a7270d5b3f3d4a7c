import { type Kysely, sql } from "kysely";
import type { Dialect } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import { KIND_DEFINITIONS } from "./metric-kinds.js";
import type { Metric } from "./metric-service.js";
import { MetricSql } from "./metric-sql.js";

/** One day of a metric over all users who sent a matching event that day (no experiment). */
export interface PreviewDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Matching events. */
  events: number;
  /** Users with at least one matching event. */
  users: number;
  /** Users the per-user value is defined for (average: users with a value). */
  valued: number;
  /**
   * Mean over those users of the per-user value: conversion 1 for every such user; count the
   * number of events; sum the sum of values; average the mean of the user's values.
   */
  mean: number | null;
}

/**
 * What a metric definition measures over the last days of raw events of an environment, per
 * UTC day: a preview while the metric is defined, with the analysis's own matching and values.
 */
export class MetricPreview {
  private readonly q: MetricSql;

  constructor(
    private readonly db: Kysely<Tables>,
    dialect: Dialect,
  ) {
    this.q = new MetricSql(dialect);
  }

  async days(
    environmentId: number,
    metric: Metric,
    days = 7,
    now = Date.now(),
  ): Promise<PreviewDay[]> {
    const first = new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(now + 1).toISOString();
    // Every event here counts (the filters are in the where clause): c is their number.
    const value = this.q.value(metric);
    const perUser = KIND_DEFINITIONS[metric.kind].perUserSql(
      sql`count(*)`,
      sql`sum(${value})`,
      sql`count(${value})`,
    );
    const result = await sql<{
      day: string;
      events: number | string;
      users: number | string;
      valued: number | string;
      mean: number | string | null;
    }>`
      select day, sum(n) as events, count(*) as users, count(v) as valued, avg(v) as mean
        from (select substr(e.timestamp, 1, 10) as day, e.user_key, count(*) as n, ${perUser} as v
                from raw_events e
               where e.environment_id = ${environmentId} and e.event_key = ${metric.eventKey}
                 and e.timestamp >= ${first} and e.timestamp < ${end} and ${this.q.matches(metric)}
               group by substr(e.timestamp, 1, 10), e.user_key) u
       group by day order by day`.execute(this.db);
    const byDay = new Map(result.rows.map((r) => [r.day, r]));
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(Date.parse(first) + i * 86_400_000).toISOString().slice(0, 10);
      const row = byDay.get(day);
      return {
        day,
        events: Number(row?.events ?? 0),
        users: Number(row?.users ?? 0),
        valued: Number(row?.valued ?? 0),
        mean: row?.mean === null || row?.mean === undefined ? null : Number(row.mean),
      };
    });
  }
}
