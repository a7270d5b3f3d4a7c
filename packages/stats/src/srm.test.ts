import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleRatioMismatch } from "./srm.js";

interface Reference {
  srm: {
    observed: number[];
    weights: number[];
    expected: { chiSquare: number; df: number; pValue: number };
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

describe("sampleRatioMismatch against scipy.stats.chisquare", () => {
  it.each(reference.srm)("$observed for weights $weights", ({ observed, weights, expected }) => {
    const result = sampleRatioMismatch(observed, weights);
    expectNear(result.chiSquare, expected.chiSquare, { abs: 1e-12, rel: 1e-13 });
    expect(result.df).toBe(expected.df);
    expectNear(result.pValue, expected.pValue, { abs: 1e-12 }); // project acceptance: 1e-6
    expect(result.mismatch).toBe(expected.pValue < 0.001);
  });

  it("flags a clear mismatch and not a fair split", () => {
    expect(sampleRatioMismatch([10_000, 9000, 10_000], [1, 1, 1]).mismatch).toBe(true);
    expect(sampleRatioMismatch([5000, 5000], [1, 1])).toEqual({
      chiSquare: 0,
      df: 1,
      pValue: 1,
      mismatch: false,
    });
  });

  it("uses the threshold it is given", () => {
    const result = sampleRatioMismatch([5000, 5200], [1, 1], 0.1);
    expect(result.pValue).toBeLessThan(0.1);
    expect(result.mismatch).toBe(true);
  });

  it("has p = 1 without users, and ignores variants of weight 0 unless they have users", () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({
      chiSquare: 0,
      df: 1,
      pValue: 1,
      mismatch: false,
    });
    const withEmpty = sampleRatioMismatch([5000, 5200, 0], [1, 1, 0]);
    const without = sampleRatioMismatch([5000, 5200], [1, 1]);
    expect(withEmpty).toEqual(without);
    expect(sampleRatioMismatch([5000, 5200, 3], [1, 1, 0])).toMatchObject({
      chiSquare: Number.POSITIVE_INFINITY,
      pValue: 0,
      mismatch: true,
    });
  });

  it("rejects arrays of different lengths", () => {
    expect(() => sampleRatioMismatch([1, 2, 3], [1, 1])).toThrow(RangeError);
  });
});
