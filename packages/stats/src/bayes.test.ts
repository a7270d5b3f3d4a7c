import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  chanceToBeatConversion,
  chanceToBeatNormal,
  expectedLossConversion,
  expectedLossNormal,
  probabilityGreaterBeta,
} from "./bayes.js";
import { logBeta, regularizedBeta } from "./special-functions.js";

interface ConversionCase {
  baselineConversions: number;
  baselineN: number;
  variantConversions: number;
  variantN: number;
  expected: number;
}

interface Reference {
  chanceToBeat: ConversionCase[];
  expectedLoss: ConversionCase[];
  normalPosterior: {
    difference: number;
    standardError: number;
    chanceToBeat: number;
    expectedLoss: number;
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

/** P(X > Y) = ∫ f_X(x) I_x(a2, b2) dx by composite Simpson, for smooth densities (a, b ≥ 2). */
function probabilityGreaterBySimpson(a1: number, b1: number, a2: number, b2: number): number {
  const steps = 20_000;
  const h = 1 / steps;
  const logNorm = logBeta(a1, b1);
  let sum = 0;
  for (let i = 1; i < steps; i++) {
    const x = i * h;
    const density = Math.exp((a1 - 1) * Math.log(x) + (b1 - 1) * Math.log1p(-x) - logNorm);
    sum += (i % 2 === 1 ? 4 : 2) * density * regularizedBeta(x, a2, b2);
  }
  return (sum * h) / 3;
}

// The project accepts 1e-3 on Bayesian probabilities; these pin what we actually reach.
describe("chanceToBeatConversion against scipy quad over beta.pdf × beta.cdf", () => {
  it.each(reference.chanceToBeat)(
    "$variantConversions/$variantN vs $baselineConversions/$baselineN",
    ({ baselineConversions, baselineN, variantConversions, variantN, expected }) => {
      const chance = chanceToBeatConversion(
        baselineConversions,
        baselineN,
        variantConversions,
        variantN,
      );
      expectNear(chance, expected, { abs: 1e-11 });
    },
  );

  it("is complementary when the variants are swapped", () => {
    for (const [xA, nA, xB, nB] of [
      [3, 40, 9, 38],
      [480, 5000, 440, 5100],
      [0, 7, 0, 900],
    ] as const) {
      expectNear(
        chanceToBeatConversion(xA, nA, xB, nB) + chanceToBeatConversion(xB, nB, xA, nA),
        1,
        {
          abs: 1e-14,
        },
      );
    }
  });

  it("takes well under 50 ms for 200,000 users per variant at ~10% conversion", () => {
    chanceToBeatConversion(20_000, 200_000, 20_400, 200_000); // warm-up
    const start = performance.now();
    const chance = chanceToBeatConversion(20_013, 200_000, 20_391, 200_000);
    const elapsed = performance.now() - start;
    console.log(`chanceToBeatConversion, 200,000 users per variant: ${elapsed.toFixed(2)} ms`);
    expect(chance).toBeGreaterThan(0.97);
    expect(elapsed).toBeLessThan(200);
  });
});

describe("probabilityGreaterBeta", () => {
  it("agrees with numerical integration when the closed form must use a complement or a flip", () => {
    // Only one parameter is an integer in each case, so each of the four forms is exercised.
    for (const [a1, b1, a2, b2] of [
      [4, 7.5, 6.5, 5.5],
      [5.5, 7.5, 3, 8.5],
      [6.5, 7.5, 5.5, 9],
      [6.5, 3, 4.5, 8.5],
    ] as const) {
      expectNear(
        probabilityGreaterBeta(a1, b1, a2, b2),
        probabilityGreaterBySimpson(a1, b1, a2, b2),
        {
          abs: 1e-12,
        },
      );
    }
  });

  it("is NaN without an integer parameter or with a non-positive one", () => {
    expect(probabilityGreaterBeta(1.5, 2.5, 3.5, 4.5)).toBeNaN();
    expect(probabilityGreaterBeta(0, 2, 3, 4)).toBeNaN();
    expect(probabilityGreaterBeta(1, 2, Number.POSITIVE_INFINITY, 4)).toBeNaN();
  });
});

describe("expectedLossConversion against scipy quad", () => {
  it.each(reference.expectedLoss)(
    "$variantConversions/$variantN vs $baselineConversions/$baselineN",
    ({ baselineConversions, baselineN, variantConversions, variantN, expected }) => {
      const loss = expectedLossConversion(
        baselineConversions,
        baselineN,
        variantConversions,
        variantN,
      );
      expectNear(loss, expected, { abs: 1e-12 });
    },
  );

  it("satisfies E[(A − B)⁺] − E[(B − A)⁺] = E[A] − E[B]", () => {
    for (const [xA, nA, xB, nB] of [
      [3, 40, 9, 38],
      [5000, 100_000, 5200, 100_000],
    ] as const) {
      const meanA = (1 + xA) / (2 + nA);
      const meanB = (1 + xB) / (2 + nB);
      const difference =
        expectedLossConversion(xA, nA, xB, nB) - expectedLossConversion(xB, nB, xA, nA);
      expectNear(difference, meanA - meanB, { abs: 1e-14 });
    }
  });
});

describe("normal posterior against scipy.stats.norm", () => {
  it.each(reference.normalPosterior)(
    "d = $difference, se = $standardError",
    ({ difference, standardError, chanceToBeat, expectedLoss }) => {
      expectNear(chanceToBeatNormal(difference, standardError), chanceToBeat, {
        abs: 1e-15,
        rel: 1e-13,
      });
      expectNear(expectedLossNormal(difference, standardError), expectedLoss, {
        abs: 1e-15,
        rel: 1e-12,
      });
    },
  );

  it("handles a zero standard error", () => {
    expect(chanceToBeatNormal(0.2, 0)).toBe(1);
    expect(chanceToBeatNormal(-0.2, 0)).toBe(0);
    expect(chanceToBeatNormal(0, 0)).toBe(0.5);
    expect(expectedLossNormal(0.2, 0)).toBe(0);
    expect(expectedLossNormal(-0.2, 0)).toBe(0.2);
  });

  it("satisfies E[(−D)⁺] − E[D⁺] = −d", () => {
    for (const [d, se] of [
      [0.3, 0.1],
      [-2, 0.7],
    ] as const) {
      expectNear(expectedLossNormal(d, se) - expectedLossNormal(-d, se), -d, { abs: 1e-15 });
    }
  });
});
