import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { relativeLift, twoProportionZTest, welchTest } from "./frequentist.js";
import { type Summary, summarize } from "./summary.js";

interface Reference {
  welch: {
    name: string;
    baseline: Summary;
    variant: Summary;
    alpha: number;
    expected: {
      difference: number;
      standardError: number;
      df: number;
      ci: [number, number];
      pValue: number;
    };
  }[];
  lift: {
    name: string;
    baseline: Summary;
    variant: Summary;
    alpha: number;
    expected: { lift: number; ci: [number, number] };
  }[];
  twoProportion: {
    baselineConversions: number;
    baselineN: number;
    variantConversions: number;
    variantN: number;
    expected: { z: number; pValue: number };
  }[];
}

const reference: Reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
);

/** Passes when the error is within `abs` or within `rel` of the expected value. */
function expectNear(actual: number, expected: number, tolerance: { abs?: number; rel?: number }) {
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(allowed);
}

// The project accepts 1e-6 on p-values and interval bounds; these pin what we actually reach.
const P_AND_CI = { abs: 1e-12 };

describe("summarize", () => {
  it("gives the mean and the n − 1 sample variance", () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const moments = {
      n: values.length,
      sum: values.reduce((sum, v) => sum + v, 0),
      sumSquares: values.reduce((sum, v) => sum + v * v, 0),
    };
    expect(summarize(moments)).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
  });

  it("has variance 0 below two users, mean 0 without users, and never a negative variance", () => {
    expect(summarize({ n: 0, sum: 0, sumSquares: 0 })).toEqual({ n: 0, mean: 0, variance: 0 });
    expect(summarize({ n: 1, sum: 3, sumSquares: 9 })).toEqual({ n: 1, mean: 3, variance: 0 });
    // Σy² − (Σy)²/n rounds below zero for a large constant metric.
    const constant = summarize({ n: 3, sum: 3 * 1e8 + 3e-8, sumSquares: 3 * 1e16 });
    expect(constant.variance).toBeGreaterThanOrEqual(0);
  });
});

describe("welchTest against scipy.stats.ttest_ind(equal_var=False)", () => {
  it.each(reference.welch)("$name", ({ baseline, variant, alpha, expected }) => {
    const result = welchTest(baseline, variant, alpha);
    expectNear(result.difference, expected.difference, { abs: 1e-14, rel: 1e-14 });
    expectNear(result.standardError, expected.standardError, { rel: 1e-13 });
    expectNear(result.df, expected.df, { rel: 1e-12 });
    expectNear(result.pValue, expected.pValue, P_AND_CI);
    expectNear(result.ci[0], expected.ci[0], P_AND_CI);
    expectNear(result.ci[1], expected.ci[1], P_AND_CI);
  });

  it("reports nothing learnt when a group has fewer than two users", () => {
    const result = welchTest({ n: 1, mean: 3, variance: 0 }, { n: 50, mean: 4, variance: 2 });
    expect(result).toEqual({
      difference: 1,
      standardError: Number.POSITIVE_INFINITY,
      df: Number.NaN,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      pValue: 1,
    });
  });

  it("treats a zero standard error as a certain difference", () => {
    const a = { n: 10, mean: 1, variance: 0 };
    expect(welchTest(a, { n: 12, mean: 1.5, variance: 0 })).toEqual({
      difference: 0.5,
      standardError: 0,
      df: 20,
      ci: [0.5, 0.5],
      pValue: 0,
    });
    expect(welchTest(a, a).pValue).toBe(1);
  });

  it("is antisymmetric in the groups and its CI excludes 0 exactly when p < alpha", () => {
    const a = { n: 40, mean: 10, variance: 9 };
    const b = { n: 35, mean: 11.6, variance: 16 };
    const forward = welchTest(a, b);
    const backward = welchTest(b, a);
    expect(backward.difference).toBe(-forward.difference);
    expect(backward.pValue).toBe(forward.pValue);
    expect(forward.pValue < 0.05).toBe(forward.ci[0] > 0);
  });
});

describe("relativeLift (delta method)", () => {
  it.each(reference.lift)("$name", ({ baseline, variant, alpha, expected }) => {
    const result = relativeLift(baseline, variant, alpha);
    expectNear(result.lift, expected.lift, { abs: 1e-15, rel: 1e-14 });
    expectNear(result.ci[0], expected.ci[0], P_AND_CI);
    expectNear(result.ci[1], expected.ci[1], P_AND_CI);
  });

  it("reduces to the interval of m_B scaled by 1/m_A when the baseline mean is known exactly", () => {
    // Textbook case: baseline 10 with no variance; variant 11 with s² = 4 over 100 users, so
    // se(m_B) = 0.2 and the 95% interval of m_B is 11 ± 1.959963984540054 · 0.2.
    const result = relativeLift(
      { n: 100, mean: 10, variance: 0 },
      { n: 100, mean: 11, variance: 4 },
    );
    expectNear(result.lift, 0.1, { abs: 1e-15 });
    expectNear(result.ci[0], (11 - 1.959963984540054 * 0.2) / 10 - 1, { abs: 1e-15 });
    expectNear(result.ci[1], (11 + 1.959963984540054 * 0.2) / 10 - 1, { abs: 1e-15 });
  });

  it("points up when a negative baseline mean rises (scaled by |m_A|)", () => {
    // Reference computed once with scipy 1.17 (norm.ppf(0.975)) from these exact inputs:
    // lift = (m_B − m_A)/|m_A|; Var = s²_B/(n_B m_A²) + m_B² s²_A/(n_A m_A⁴).
    const result = relativeLift(
      { n: 50, mean: -10, variance: 4 },
      { n: 60, mean: -8, variance: 9 },
    );
    expectNear(result.lift, 0.2, { abs: 1e-15 });
    expectNear(result.ci[0], 0.11208518243642555, { abs: 1e-12 });
    expectNear(result.ci[1], 0.28791481756357445, { abs: 1e-12 });
    // A falling negative mean is a negative lift.
    expect(
      relativeLift({ n: 50, mean: -10, variance: 4 }, { n: 60, mean: -12, variance: 9 }).lift,
    ).toBeCloseTo(-0.2, 15);
  });

  it("is undefined for a zero baseline mean and unbounded below two users", () => {
    expect(relativeLift({ n: 10, mean: 0, variance: 1 }, { n: 10, mean: 1, variance: 1 })).toEqual({
      lift: Number.NaN,
      ci: [Number.NaN, Number.NaN],
      standardError: Number.NaN,
    });
    expect(relativeLift({ n: 1, mean: 2, variance: 0 }, { n: 10, mean: 3, variance: 1 })).toEqual({
      lift: 0.5,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      standardError: Number.POSITIVE_INFINITY,
    });
  });
});

describe("twoProportionZTest against scipy.stats.chi2_contingency(correction=False)", () => {
  it.each(reference.twoProportion)(
    "$variantConversions/$variantN vs $baselineConversions/$baselineN",
    ({ baselineConversions, baselineN, variantConversions, variantN, expected }) => {
      const result = twoProportionZTest(
        baselineConversions,
        baselineN,
        variantConversions,
        variantN,
      );
      expectNear(result.z, expected.z, { abs: 1e-14, rel: 1e-13 });
      expectNear(result.pValue, expected.pValue, P_AND_CI);
    },
  );

  it("returns z = 0, p = 1 when the pooled rate is 0 or 1 or a group is empty", () => {
    expect(twoProportionZTest(0, 100, 0, 120)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(50, 50, 70, 70)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 0, 3, 10)).toEqual({ z: 0, pValue: 1 });
  });

  it("changes the sign of z when the groups are swapped", () => {
    const forward = twoProportionZTest(100, 1000, 130, 1000);
    const backward = twoProportionZTest(130, 1000, 100, 1000);
    expect(backward.z).toBe(-forward.z);
    expect(backward.pValue).toBe(forward.pValue);
  });
});
