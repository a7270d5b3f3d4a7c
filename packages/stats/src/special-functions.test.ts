import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { logBeta, logGamma, regularizedBeta, regularizedGammaQ } from "./special-functions.js";

interface Reference {
  logGamma: { x: number; expected: number }[];
  logBeta: { a: number; b: number; expected: number }[];
  regularizedBeta: { x: number; a: number; b: number; expected: number }[];
  regularizedGammaQ: { a: number; x: number; expected: number }[];
}

const reference: Reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
);

/** Passes when the error is within `abs` or within `rel` of the expected value. */
function expectNear(actual: number, expected: number, tolerance: { abs?: number; rel?: number }) {
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(allowed);
}

describe("logGamma against scipy.special.gammaln", () => {
  // Relative error near the zeros at 1 and 2 is meaningless, hence the absolute floor.
  it.each(reference.logGamma)("lnΓ($x)", ({ x, expected }) => {
    expectNear(logGamma(x), expected, { abs: 1e-14, rel: 1e-14 });
  });

  it("satisfies lnΓ(x+1) = lnΓ(x) + ln x and Γ(n) = (n−1)!", () => {
    for (const x of [0.05, 0.7, 3.3, 9.5, 10.2, 77.7, 4321.5]) {
      expectNear(logGamma(x + 1), logGamma(x) + Math.log(x), { abs: 1e-13, rel: 1e-14 });
    }
    let factorial = 1;
    for (let n = 1; n <= 25; n++) {
      expectNear(logGamma(n), Math.log(factorial), { abs: 1e-14, rel: 1e-14 });
      factorial *= n;
    }
  });

  it("is infinite at the poles and NaN for NaN", () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe("logBeta against 40-digit mpmath", () => {
  it.each(reference.logBeta)("ln B($a, $b)", ({ a, b, expected }) => {
    expectNear(logBeta(a, b), expected, { abs: 1e-14, rel: 1e-14 });
  });

  it("is symmetric and NaN outside a, b > 0", () => {
    expect(logBeta(3.5, 120)).toBe(logBeta(120, 3.5));
    expect(logBeta(0, 1)).toBeNaN();
    expect(logBeta(1, -2)).toBeNaN();
  });
});

describe("regularizedBeta against scipy.special.betainc", () => {
  it.each(reference.regularizedBeta)("I_$x($a, $b)", ({ x, a, b, expected }) => {
    expectNear(regularizedBeta(x, a, b), expected, { abs: 1e-14, rel: 1e-12 });
  });

  it("satisfies I_x(a, b) = 1 − I_{1−x}(b, a) and the closed forms for b = 1", () => {
    for (const [x, a, b] of [
      [0.3, 2.5, 7],
      [0.75, 40, 12.5],
      [0.01, 0.4, 3000],
      [0.999, 2000, 0.5],
    ] as const) {
      expectNear(regularizedBeta(x, a, b), 1 - regularizedBeta(1 - x, b, a), { abs: 1e-14 });
    }
    for (const [x, a] of [
      [0.5, 3],
      [0.9, 2500],
      [0.2, 0.3],
    ] as const) {
      expectNear(regularizedBeta(x, a, 1), x ** a, { abs: 1e-15, rel: 1e-13 });
    }
  });

  it("keeps relative precision far in the lower tail: I_x(a, b) → x^a / (a B(a, b)) as x → 0", () => {
    for (const [a, b] of [
      [0.5, 5000],
      [0.8, 1e7],
      [2, 3],
    ] as const) {
      const x = 1e-200;
      const leading = Math.exp(a * Math.log(x) - Math.log(a) - logBeta(a, b));
      expectNear(regularizedBeta(x, a, b), leading, { rel: 1e-13 });
    }
  });

  it("is 0 and 1 at the ends", () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});

describe("regularizedGammaQ against scipy.special.gammaincc", () => {
  it.each(reference.regularizedGammaQ)("Q($a, $x)", ({ a, x, expected }) => {
    expectNear(regularizedGammaQ(a, x), expected, { abs: 1e-14, rel: 1e-12 });
  });

  it("is e^−x for a = 1 and 1 at x = 0", () => {
    for (const x of [0.001, 0.5, 3, 40]) {
      expectNear(regularizedGammaQ(1, x), Math.exp(-x), { rel: 1e-14 });
    }
    expect(regularizedGammaQ(2.5, 0)).toBe(1);
    expect(regularizedGammaQ(-1, 1)).toBeNaN();
  });
});
