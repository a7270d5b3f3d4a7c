import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "./distributions.js";
import { mixtureSequentialTest } from "./sequential.js";

interface Reference {
  sequential: {
    difference: number;
    standardError: number;
    tau: number;
    alpha: number;
    expected: { pValue: number; ci: [number, number] };
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

describe("mixtureSequentialTest against scipy normal densities and brentq", () => {
  it.each(reference.sequential)(
    "d = $difference, se = $standardError, τ = $tau, α = $alpha",
    ({ difference, standardError, tau, alpha, expected }) => {
      const result = mixtureSequentialTest(difference, standardError, tau, alpha);
      // The project accepts 1e-6; these pin what we actually reach.
      expectNear(result.pValue, expected.pValue, { abs: 1e-14, rel: 1e-12 });
      expectNear(result.ci[0], expected.ci[0], { abs: 1e-12, rel: 1e-12 });
      expectNear(result.ci[1], expected.ci[1], { abs: 1e-12, rel: 1e-12 });
    },
  );

  it("is wider than the fixed-horizon interval, the price of peeking", () => {
    for (const [d, se, tau] of [
      [0.5, 0.2, 0.3],
      [0.02, 0.01, 0.05],
    ] as const) {
      const { ci } = mixtureSequentialTest(d, se, tau);
      const fixed = -normalQuantile(0.025) * se;
      expect(ci[1] - d).toBeGreaterThan(fixed);
      expect(d - ci[0]).toBeCloseTo(ci[1] - d, 12);
    }
  });

  it("does not overflow for a huge z-score", () => {
    expect(mixtureSequentialTest(100, 0.01, 1).pValue).toBe(0);
  });

  it("handles a zero or infinite standard error", () => {
    expect(mixtureSequentialTest(0.3, 0, 1)).toEqual({ pValue: 0, ci: [0.3, 0.3] });
    expect(mixtureSequentialTest(0, 0, 1)).toEqual({ pValue: 1, ci: [0, 0] });
    expect(mixtureSequentialTest(0.3, Number.POSITIVE_INFINITY, 1)).toEqual({
      pValue: 1,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    });
  });
});
