import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CovariateMoments, cupedSummary, cupedTheta } from "./cuped.js";
import { welchTest } from "./frequentist.js";
import { type Summary, summarize } from "./summary.js";

interface Reference {
  cuped: {
    variants: { x: number[]; y: number[] }[];
    expected: {
      theta: number;
      pooledMeanX: number;
      summaries: Summary[];
      adjusted: Summary[];
      welch: { difference: number; df: number; ci: [number, number]; pValue: number }[];
    };
  };
}

const reference: Reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
);

/** Passes when the error is within `abs` or within `rel` of the expected value. */
function expectNear(actual: number, expected: number, tolerance: { abs?: number; rel?: number }) {
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(allowed);
}

function momentsOf(x: number[], y: number[]): CovariateMoments {
  const m = { n: 0, sum: 0, sumSquares: 0, xSum: 0, xSumSquares: 0, crossSum: 0 };
  y.forEach((value, i) => {
    const covariate = x[i] ?? 0;
    m.n += 1;
    m.sum += value;
    m.sumSquares += value * value;
    m.xSum += covariate;
    m.xSumSquares += covariate * covariate;
    m.crossSum += covariate * value;
  });
  return m;
}

function pool(moments: CovariateMoments[]): CovariateMoments {
  return moments.reduce((a, b) => ({
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    xSum: a.xSum + b.xSum,
    xSumSquares: a.xSumSquares + b.xSumSquares,
    crossSum: a.crossSum + b.crossSum,
  }));
}

describe("CUPED against numpy on 3 variants × 40 users", () => {
  const { variants, expected } = reference.cuped;
  const moments = variants.map(({ x, y }) => momentsOf(x, y));
  const pooled = pool(moments);
  const theta = cupedTheta(pooled);
  const pooledMeanX = pooled.xSum / pooled.n;
  const adjusted = moments.map((m) => cupedSummary(m, theta, pooledMeanX));

  it("computes θ = cov(x, y)/var(x) over the pooled users", () => {
    expectNear(theta, expected.theta, { rel: 1e-13 });
    expectNear(pooledMeanX, expected.pooledMeanX, { rel: 1e-14 });
  });

  it("summarizes the raw metric like numpy's mean and var(ddof=1)", () => {
    moments.forEach((m, i) => {
      const summary = summarize(m);
      expect(summary.n).toBe(expected.summaries[i]?.n);
      expectNear(summary.mean, expected.summaries[i]?.mean ?? Number.NaN, { rel: 1e-14 });
      expectNear(summary.variance, expected.summaries[i]?.variance ?? Number.NaN, { rel: 1e-12 });
    });
  });

  it("gives the mean and variance of y − θ(x − x̄)", () => {
    adjusted.forEach((summary, i) => {
      expect(summary.n).toBe(expected.adjusted[i]?.n);
      expectNear(summary.mean, expected.adjusted[i]?.mean ?? Number.NaN, { rel: 1e-14 });
      expectNear(summary.variance, expected.adjusted[i]?.variance ?? Number.NaN, { rel: 1e-12 });
      // The covariate is strongly correlated, so the variance must shrink a lot.
      expect(summary.variance).toBeLessThan(0.5 * (expected.summaries[i]?.variance ?? 0));
    });
  });

  it("feeds welchTest to match scipy.stats.ttest_ind on the adjusted values", () => {
    expected.welch.forEach((reference, i) => {
      const baseline = adjusted[0];
      const variant = adjusted[i + 1];
      if (baseline === undefined || variant === undefined) throw new Error("missing variant");
      const result = welchTest(baseline, variant);
      expectNear(result.difference, reference.difference, { abs: 1e-13 });
      expectNear(result.df, reference.df, { rel: 1e-12 });
      expectNear(result.pValue, reference.pValue, { abs: 1e-12 }); // project acceptance: 1e-6
      expectNear(result.ci[0], reference.ci[0], { abs: 1e-12 });
      expectNear(result.ci[1], reference.ci[1], { abs: 1e-12 });
    });
  });
});

describe("CUPED edge cases", () => {
  it("has θ = 0 without covariate variance or users, and θ = 0 leaves the metric unchanged", () => {
    const flat = { n: 5, sum: 10, sumSquares: 30, xSum: 5, xSumSquares: 5, crossSum: 10 };
    expect(cupedTheta(flat)).toBe(0);
    expect(cupedTheta({ ...flat, n: 1 })).toBe(0);
    expect(cupedSummary(flat, 0, 3)).toEqual(summarize(flat));
  });

  it("recovers an exact linear relation y = 2x + 1 as θ = 2 with zero adjusted variance", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const m = momentsOf(
      x,
      x.map((v) => 2 * v + 1),
    );
    expectNear(cupedTheta(m), 2, { rel: 1e-14 });
    const summary = cupedSummary(m, 2, 3.5);
    expectNear(summary.mean, 8, { rel: 1e-14 });
    expectNear(summary.variance, 0, { abs: 1e-12 });
  });
});
