import { describe, expect, it } from "vitest";
import { DEFAULT_SEQUENTIAL_TUNING, sequentialHalfWidth, sequentialTest } from "./sequential.js";

/**
 * Reference values computed once with numpy 1.26 / scipy 1.17 from GrowthBook's gbstats
 * formulas (sequential_rho, sequential_interval_halfwidth: Waudby-Smith et al. 2023, eq. 161
 * and 9), the p-value by scipy.optimize.brentq on ln α for halfwidth(α) = |d|. Inputs exact.
 */
const REFERENCE = [
  {
    name: "conversion-like",
    d: 0.012,
    se: 0.0045,
    n: 20000,
    tuning: 5000,
    alpha: 0.05,
    halfWidth: 0.014072013646595955,
    p: 0.15743318296269326,
  },
  {
    name: "small sample",
    d: 1.5,
    se: 0.9,
    n: 120,
    tuning: 5000,
    alpha: 0.05,
    halfWidth: 5.58709088942691,
    p: 1,
  },
  {
    name: "tuned to 100,000",
    d: 0.012,
    se: 0.0045,
    n: 20000,
    tuning: 100000,
    alpha: 0.05,
    halfWidth: 0.015137494766022516,
    p: 0.28940080864656387,
  },
  {
    name: "alpha 0.1, negative",
    d: -0.3,
    se: 0.1,
    n: 4000,
    tuning: 5000,
    alpha: 0.1,
    halfWidth: 0.27699999328422886,
    p: 0.05573931229055995,
  },
  {
    name: "no effect",
    d: 0,
    se: 0.2,
    n: 1000,
    tuning: 5000,
    alpha: 0.05,
    halfWidth: 0.6727775451565563,
    p: 1,
  },
];

describe("sequentialTest (normal-mixture confidence sequence, gbstats calibration)", () => {
  it.each(REFERENCE)("$name", ({ d, se, n, tuning, alpha, halfWidth, p }) => {
    expect(Math.abs(sequentialHalfWidth(se, n, tuning, alpha) - halfWidth)).toBeLessThan(1e-12);
    const result = sequentialTest(d, se, n, tuning, alpha);
    expect(Math.abs(result.ci[0] - (d - halfWidth))).toBeLessThan(1e-12);
    expect(Math.abs(result.ci[1] - (d + halfWidth))).toBeLessThan(1e-12);
    expect(Math.abs(result.pValue - p)).toBeLessThan(1e-6);
  });

  it("is wider than the fixed-horizon interval, and its p-value agrees with it", () => {
    const result = sequentialTest(0.012, 0.0045, 20000);
    expect(result.ci[1] - 0.012).toBeGreaterThan(1.959963984540054 * 0.0045);
    // At α = p the interval touches 0.
    const atP = sequentialHalfWidth(0.0045, 20000, DEFAULT_SEQUENTIAL_TUNING, result.pValue);
    expect(Math.abs(atP - 0.012)).toBeLessThan(1e-9);
  });

  it("does not depend on the metric's scale: scaling d and se scales the interval only", () => {
    const a = sequentialTest(0.012, 0.0045, 20000);
    const b = sequentialTest(1200, 450, 20000);
    expect(Math.abs(a.pValue - b.pValue)).toBeLessThan(1e-12);
    expect(Math.abs(b.ci[1] / a.ci[1] - 100000)).toBeLessThan(1e-6);
  });

  it("handles zero and unknown standard errors and tiny samples", () => {
    expect(sequentialTest(0, 0, 100)).toEqual({ pValue: 1, ci: [0, 0] });
    expect(sequentialTest(0.5, 0, 100)).toEqual({ pValue: 0, ci: [0.5, 0.5] });
    const unknown = { pValue: 1, ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] };
    expect(sequentialTest(0.5, Number.POSITIVE_INFINITY, 100)).toEqual(unknown);
    expect(sequentialTest(0.5, 0.1, 1)).toEqual(unknown);
  });
});
