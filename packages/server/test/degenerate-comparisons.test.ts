// Comparisons that cannot mean anything get no statistics and stay out of the correction
// family: assembleResult on per-day sums written by hand (one day, conversions).
import { describe, expect, it } from "vitest";
import type { DayDelta } from "../src/analysis/output.js";
import { settingsOf } from "../src/experiments/experiment-schemas.js";
import { assembleResult } from "../src/experiments/results.js";
import type { Metric } from "../src/metrics/metric-service.js";

const metric = (id: number): Metric =>
  ({
    id,
    key: `m${id}`,
    name: `m${id}`,
    description: "",
    kind: "conversion",
    eventKey: "buy",
    valuePath: null,
    filters: [],
    direction: "increase",
  }) as unknown as Metric;

/** One day of a variant: `users` exposed, `converted` of them converting on each metric. */
const day = (variant: number, users: number, converted: number[]): DayDelta => ({
  variant,
  day: "2026-12-01",
  exposed: users,
  x: converted.map(() => 0),
  xx: converted.map(() => 0),
  y: converted,
  yy: converted,
  xy: converted.map(() => 0),
  valued: converted.map(() => 0),
});

const result = (days: DayDelta[], metrics = 2) =>
  assembleResult({
    window: { start: "2026-12-01T00:00:00.000Z", end: "2026-12-02T00:00:00.000Z" },
    variants: [
      { id: 1, key: "a" },
      { id: 2, key: "b" },
      { id: 3, key: "c" },
    ],
    traffic: { 1: 1, 2: 1, 3: 1 },
    metrics: Array.from({ length: metrics }, (_, i) => metric(i + 1)),
    primaryMetricId: 1,
    settings: settingsOf({ sequential: false, correction: "bonferroni" }),
    exposures: {
      total: 0,
      multipleVariants: 0,
      perVariant: new Map(days.map((d) => [d.variant, d.exposed])),
    },
    days,
    variantKeys: new Map([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]),
    mismatchedUsers: {},
    reasonDisagreements: {},
  });

describe("degenerate comparisons", () => {
  it("one user in an arm, or no variance in either: no statistics, outside the family", () => {
    // Metric 1: b has one user; c is fine. Metric 2: nobody converts in a or c (no variance).
    const r = result([day(1, 100, [10, 0]), day(2, 1, [1, 0]), day(3, 100, [30, 0])]);
    const [m1, m2] = r.metrics;
    expect(m1?.variants[1]?.comparison).toBeUndefined();
    expect(m1?.variants[1]?.notCompared).toBe("fewer than 2 users in an arm");
    expect(m2?.variants[2]?.notCompared).toBe(
      "no variance in either arm: every user has the same value",
    );
    // Only m1 × c is compared: Bonferroni over a family of one leaves its p-value as it is.
    expect(r.correctionFamily).toBe(1);
    const c = m1?.variants[2]?.comparison;
    expect(c?.adjustedPValue).toBe(c?.pValue);
    expect(c?.verdict).toBe("winning");
    // The daily points say nothing either.
    expect(r.daily[0]?.metrics[0]?.variants[1]).toMatchObject({
      relativeLift: null,
      chanceToBeat: null,
    });
  });

  it("an empty baseline: counts only, no p-value or verdict anywhere", () => {
    const r = result([day(2, 50, [5, 5]), day(3, 50, [9, 9])]);
    expect(r.correctionFamily).toBe(0);
    for (const m of r.metrics)
      for (const v of m.variants.slice(1)) {
        expect(v.comparison).toBeUndefined();
        expect(v.notCompared).toBe("the baseline has no analysed users");
      }
    expect(r.metrics[0]?.variants.map((v) => v.users)).toEqual([0, 50, 50]);
  });
});
