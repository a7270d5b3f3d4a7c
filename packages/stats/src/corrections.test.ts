import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adjustPValues, type Correction } from "./corrections.js";

type Case = { pValues: number[] } & Record<Correction, number[]>;

interface Reference {
  corrections: Case[];
}

const reference: Reference = JSON.parse(
  readFileSync(new URL("../../../fixtures/stats/reference.json", import.meta.url), "utf8"),
);

const methods: Correction[] = ["none", "bonferroni", "holm", "benjamini-hochberg"];

describe("adjustPValues against numpy (Holm, Bonferroni) and scipy.stats.false_discovery_control", () => {
  const cases = reference.corrections.flatMap((entry) =>
    methods.map((method) => ({ method, pValues: entry.pValues, expected: entry[method] })),
  );

  it.each(cases)("$method of $pValues", ({ method, pValues, expected }) => {
    const adjusted = adjustPValues(pValues, method);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((value, index) => {
      expect(Math.abs(value - (expected[index] ?? Number.NaN))).toBeLessThanOrEqual(1e-15);
    });
  });

  it("matches a hand-worked example with ties", () => {
    const p = [0.01, 0.04, 0.03, 0.04];
    // Holm: sorted 0.01, 0.03, 0.04, 0.04 times 4, 3, 2, 1 → 0.04, 0.09, 0.08, 0.04, made monotone.
    expect(adjustPValues(p, "holm")).toEqual([0.04, 0.09, 0.09, 0.09]);
    // BH: p·4/rank = 0.04, 0.06, 0.0533, 0.04 from the top, then running minimum downwards.
    const bh = adjustPValues(p, "benjamini-hochberg");
    expect(bh.map((v) => Number(v.toFixed(15)))).toEqual([0.04, 0.04, 0.04, 0.04]);
  });

  it("keeps the order of the p-values and never lowers one", () => {
    const p = [0.2, 0.001, 0.049, 0.5, 0.012, 0.03];
    for (const method of methods) {
      const adjusted = adjustPValues(p, method);
      p.forEach((value, i) => {
        expect(adjusted[i]).toBeGreaterThanOrEqual(value);
        p.forEach((other, j) => {
          if (value < other) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] ?? Number.NaN);
        });
      });
    }
  });

  it("leaves NaN in place and does not count it, and accepts an empty list", () => {
    expect(adjustPValues([0.01, Number.NaN, 0.02], "bonferroni")).toEqual([0.02, Number.NaN, 0.04]);
    expect(adjustPValues([], "holm")).toEqual([]);
  });
});
