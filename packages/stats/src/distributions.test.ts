import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "./distributions.js";

interface Reference {
  normalCdf: { z: number; expected: number }[];
  normalQuantile: { p: number; expected: number }[];
  studentTCdf: { t: number; df: number; expected: number }[];
  studentTQuantile: { p: number; df: number; expected: number }[];
  chiSquareSf: { x: number; df: number; expected: number }[];
}

const reference: Reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
);

/** Passes when the error is within `abs` or within `rel` of the expected value. */
function expectNear(actual: number, expected: number, tolerance: { abs?: number; rel?: number }) {
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(allowed);
}

describe("normal distribution against scipy.stats.norm", () => {
  // Relative tolerance matters in the lower tail, where p-values and quantiles live.
  it.each(reference.normalCdf)("Φ($z)", ({ z, expected }) => {
    expectNear(normalCdf(z), expected, { abs: 1e-15, rel: 1e-13 });
  });

  it.each(reference.normalQuantile)("Φ⁻¹($p)", ({ p, expected }) => {
    expectNear(normalQuantile(p), expected, { abs: 1e-15, rel: 1e-13 });
  });

  it("inverts: Φ⁻¹(Φ(z)) = z", () => {
    // Only up to z = 0.5: above it Φ(z) is rounded to a multiple of 2^−53 near 1, which alone
    // moves the quantile by up to 1e-11 at z = 5.
    for (let z = -37; z <= 0.5; z += 0.37) {
      expectNear(normalQuantile(normalCdf(z)), z, { abs: 1e-14, rel: 1e-14 });
    }
  });

  it("handles the ends", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("Student's t against scipy.stats.t", () => {
  it.each(reference.studentTCdf)("T_$df($t)", ({ t, df, expected }) => {
    expectNear(studentTCdf(t, df), expected, { abs: 1e-15, rel: 1e-12 });
  });

  it.each(reference.studentTQuantile)("T⁻¹_$df($p)", ({ p, df, expected }) => {
    expectNear(studentTQuantile(p, df), expected, { abs: 1e-12, rel: 1e-12 });
  });

  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    for (const t of [-1e4, -12, -1, -0.01, 0.5, 3, 250]) {
      expectNear(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, { abs: 1e-15, rel: 1e-13 });
      expectNear(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), { abs: 1e-15 });
    }
  });

  it("inverts for fractional df: T⁻¹(T(t)) = t", () => {
    for (const df of [0.8, 3.7, 57.2, 4321.5, 2e7]) {
      for (const t of [-40, -5, -1.3, -0.02, 0.4, 2.2, 9]) {
        const p = studentTCdf(t, df);
        if (p < 1e-300 || p > 1 - 1e-12) continue; // not invertible in double precision
        expectNear(studentTQuantile(p, df), t, { abs: 1e-11, rel: 1e-11 });
      }
    }
  });

  it("tends to the normal distribution, and is exactly it at df = Infinity", () => {
    expect(studentTCdf(1.7, Number.POSITIVE_INFINITY)).toBe(normalCdf(1.7));
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
    // Fisher's expansion T_ν(t) = Φ(t) − φ(t)(t³ + t)/(4ν) + O(ν⁻²): at ν = 1e12 the first term
    // is 8e-14, which is resolved, and the rest is far below double precision.
    const t = -2.5;
    const density = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
    const fisher = normalCdf(t) - (density * (t ** 3 + t)) / (4 * 1e12);
    expectNear(studentTCdf(t, 1e12), fisher, { abs: 1e-17, rel: 1e-14 });
    expectNear(studentTQuantile(0.025, 1e12), normalQuantile(0.025), { abs: 1e-11 });
  });

  it("returns NaN for invalid degrees of freedom", () => {
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTQuantile(0.3, -2)).toBeNaN();
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("chi-square survival function against scipy.stats.chi2", () => {
  it.each(reference.chiSquareSf)("P(χ²_$df > $x)", ({ x, df, expected }) => {
    expectNear(chiSquareSf(x, df), expected, { abs: 1e-15, rel: 1e-12 });
  });

  it("is e^(−x/2) for 2 degrees of freedom and 1 at x ≤ 0", () => {
    for (const x of [0.1, 4, 30, 600]) {
      // rel 1e-13: the rounding of x alone is amplified by x/2 in e^(−x/2)
      expectNear(chiSquareSf(x, 2), Math.exp(-x / 2), { rel: 1e-13 });
    }
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-1, 3)).toBe(1);
  });
});
