// What each kind of metric means, written once: its per-event column, its per-user value and
// its CUPED covariate. The analysis fold, the metric preview and the tests' oracle use these;
// a new kind is added here.
import { type RawBuilder, sql } from "kysely";
import type { MetricKind } from "./metric-schemas.js";

export interface KindDefinition {
  /**
   * The event column: "match" (1 when the event counts, else 0) or "value" (the event's value
   * when it counts, else none).
   */
  column: "match" | "value";
  /** A user's value from their counted events: c matches, and s the sum of n values. */
  perUser(c: number, s: number, n: number): number;
  /**
   * The CUPED covariate from the same sums over the pre-period (any pre-exposure measure is a
   * valid covariate; these are the ones the results document).
   */
  covariate(c: number, s: number, n: number): number;
  /** Whether a user without a value is left out of the mean (average). */
  onlyValued: boolean;
  /** `perUser` in SQL over aggregated columns (null for a user left out: `onlyValued`). */
  perUserSql(
    c: RawBuilder<number>,
    s: RawBuilder<number>,
    n: RawBuilder<number>,
  ): RawBuilder<unknown>;
}

export const KIND_DEFINITIONS: Record<MetricKind, KindDefinition> = {
  conversion: {
    column: "match",
    perUser: (c) => (c > 0 ? 1 : 0),
    covariate: (c) => (c > 0 ? 1 : 0),
    onlyValued: false,
    perUserSql: (c) => sql`(case when ${c} > 0 then 1 else 0 end)`,
  },
  count: {
    column: "match",
    perUser: (c) => c,
    covariate: (c) => c,
    onlyValued: false,
    perUserSql: (c) => c,
  },
  sum: {
    column: "value",
    perUser: (_c, s) => s,
    covariate: (_c, s) => s,
    onlyValued: false,
    perUserSql: (_c, s) => sql`coalesce(${s}, 0)`,
  },
  average: {
    column: "value",
    perUser: (_c, s, n) => (n > 0 ? s / n : 0),
    covariate: (_c, s) => s,
    onlyValued: true,
    perUserSql: (_c, s, n) => sql`(case when ${n} > 0 then ${s} * 1.0 / ${n} end)`,
  },
};
