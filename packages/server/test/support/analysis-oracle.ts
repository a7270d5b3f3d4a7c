import { MetricSql } from "../../src/metrics/metric-sql.js";
// The analysis written as plainly as possible, to check the engine against: every impression
// and every event of the metrics' keys read afresh, each user's exposure and per-day values
// worked out one by one in plain code. Only the per-event metric columns come from the
// database (filters and JSON paths, as the engine reads them).

import type { EvaluationReason } from "@flagsync-oss/core";
import { type Kysely, sql } from "kysely";
import {
  type AnalysisInput,
  type AnalysisOutput,
  DayTable,
  type ExposureCounts,
  PRE_PERIOD_DAYS,
} from "../../src/analysis/output.js";
import { exposureVariantId, STRIDE } from "../../src/events/exposure-class.js";
import { KIND_DEFINITIONS } from "../../src/metrics/metric-kinds.js";
import type { Dialect } from "../../src/storage/dialects.js";
import type { Tables } from "../../src/storage/tables.js";

const DAY = 86_400_000;
const day = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);

export async function oracleAnalysis(
  db: Kysely<Tables>,
  dialect: Dialect,
  input: AnalysisInput,
): Promise<AnalysisOutput> {
  const start = Date.parse(input.start);
  const end = Date.parse(input.end);
  // Each user's variants (exposure ids) and first time in the window.
  const impressions = await db
    .selectFrom("raw_impressions")
    .select(["user_key", "variant_id", "reason", "derived_reason", "timestamp"])
    .where("environment_id", "=", input.environmentId)
    .where("flag_key", "=", input.flagKey)
    .execute();
  const seen = new Map<string, { ids: Set<number>; at: number }>();
  for (const r of impressions) {
    const at = Date.parse(r.timestamp);
    if (at < start || at >= end) continue;
    const id = exposureVariantId(
      r.variant_id,
      (r.reason ?? r.derived_reason) as EvaluationReason | null,
    );
    const user = seen.get(r.user_key) ?? { ids: new Set<number>(), at };
    user.ids.add(id);
    user.at = Math.min(user.at, at);
    seen.set(r.user_key, user);
  }
  const exposures: ExposureCounts = { total: 0, multipleVariants: 0, perVariant: new Map() };
  const analysed = new Map<string, { variant: number; at: number }>();
  for (const [key, { ids, at }] of seen) {
    exposures.total++;
    const lowest = Math.min(...ids);
    // One variant, or several all outside the rollout (counted under the lowest).
    const variant = ids.size === 1 || lowest >= STRIDE ? lowest : -1;
    if (variant === -1) {
      exposures.multipleVariants++;
      continue;
    }
    exposures.perVariant.set(variant, (exposures.perVariant.get(variant) ?? 0) + 1);
    if (input.variantIds.includes(variant)) analysed.set(key, { variant, at });
  }

  // Every event of the metrics' keys with its per-metric column, by user.
  const q = new MetricSql(dialect);
  const m = input.metrics.length;
  const keys = [...new Set(input.metrics.map((metric) => metric.eventKey))];
  const columns = input.metrics.map(
    (metric, i) => sql`${q.eventColumn(metric)} as ${sql.ref(`m${i}`)}`,
  );
  const events =
    m === 0
      ? []
      : (
          await sql<Record<string, unknown>>`
            select e.user_key, e.timestamp, ${sql.join(columns)} from raw_events e
             where e.environment_id = ${input.environmentId}
               and e.event_key in (${sql.join(keys.map((k) => sql`${k}`))})`.execute(db)
        ).rows;
  const byUser = new Map<string, Record<string, unknown>[]>();
  for (const e of events) {
    const list = byUser.get(e.user_key as string) ?? [];
    list.push(e);
    byUser.set(e.user_key as string, list);
  }

  const table = new DayTable(m);
  const kinds = input.metrics.map((metric) => KIND_DEFINITIONS[metric.kind]);
  for (const [key, { variant, at }] of analysed) {
    // Per metric: the pre-period sums, and the sums of each day from the exposure on.
    const pre = kinds.map(() => ({ c: 0, s: 0, n: 0 }));
    let hasPre = false;
    const days = new Map<string, { c: number; s: number; n: number }[]>();
    for (const e of byUser.get(key) ?? []) {
      const time = Date.parse(e.timestamp as string);
      if (time >= end) continue;
      let sums: { c: number; s: number; n: number }[];
      if (time >= at) {
        const d = day(time);
        sums = days.get(d) ?? kinds.map(() => ({ c: 0, s: 0, n: 0 }));
        days.set(d, sums);
      } else if (input.cuped && time >= at - PRE_PERIOD_DAYS * DAY) {
        sums = pre;
        hasPre = true;
      } else continue;
      kinds.forEach((kind, i) => {
        const value = e[`m${i}`];
        const sum = sums[i] as { c: number; s: number; n: number };
        if (kind.column === "match") sum.c += Number(value);
        else if (value !== null && value !== undefined) {
          sum.s += Number(value);
          sum.n++;
        }
      });
    }
    const x = kinds.map((kind, i) => {
      const p = pre[i] as { c: number; s: number; n: number };
      return input.cuped && hasPre ? kind.covariate(p.c, p.s, p.n) : 0;
    });
    const cohort = table.at(variant, day(at));
    cohort.exposed++;
    x.forEach((value, i) => {
      cohort.x[i] = (cohort.x[i] as number) + value;
      cohort.xx[i] = (cohort.xx[i] as number) + value * value;
    });
    const running = kinds.map(() => ({ c: 0, s: 0, n: 0 }));
    for (const d of [...days.keys()].sort()) {
      const delta = table.at(variant, d);
      kinds.forEach((kind, i) => {
        const add = (days.get(d) as { c: number; s: number; n: number }[])[i] as {
          c: number;
          s: number;
          n: number;
        };
        const r = running[i] as { c: number; s: number; n: number };
        const was = kind.perUser(r.c, r.s, r.n);
        if (kind.onlyValued && r.n === 0 && add.n > 0)
          delta.valued[i] = (delta.valued[i] as number) + 1;
        r.c += add.c;
        r.s += add.s;
        r.n += add.n;
        const now = kind.perUser(r.c, r.s, r.n);
        delta.y[i] = (delta.y[i] as number) + now - was;
        delta.yy[i] = (delta.yy[i] as number) + now * now - was * was;
        delta.xy[i] = (delta.xy[i] as number) + (x[i] as number) * (now - was);
      });
    }
  }
  return { exposures, days: table.sorted() };
}
